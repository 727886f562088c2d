// The interview form's "Add another person" button, done in the page: it copies the blank row kept in
// <template id="person-empty-row">. Without this script the button asks the server for the extra row.
// Also each person's contact search; without this script a new person's name is typed instead.
(function () {
  "use strict";

  var RENAMED_ATTRIBUTES = ["id", "name", "for", "aria-describedby", "aria-labelledby", "list"];

  function renumber(root, index) {
    root.querySelectorAll("*").forEach(function (element) {
      RENAMED_ATTRIBUTES.forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value && value.indexOf("__prefix__") !== -1) {
          element.setAttribute(attribute, value.replace(/__prefix__/g, String(index)));
        }
      });
    });
    var number = root.querySelector("[data-person-number]");
    if (number) {
      number.textContent = String(index + 1);
    }
  }

  function wireAddPerson() {
    var button = document.querySelector("[data-add-person]");
    var template = document.getElementById("person-empty-row");
    var rows = document.getElementById("people-rows");
    var total = document.querySelector('input[name="people-TOTAL_FORMS"]');
    var maximum = document.querySelector('input[name="people-MAX_NUM_FORMS"]');
    var status = document.getElementById("people-status");
    if (!button || !template || !template.content || !rows || !total) {
      return;
    }

    button.addEventListener("click", function (event) {
      var index = parseInt(total.value, 10);
      if (isNaN(index)) {
        return; // Let the server rebuild the form.
      }
      event.preventDefault();
      var limit = maximum ? parseInt(maximum.value, 10) : NaN;
      if (!isNaN(limit) && index >= limit) {
        if (status) {
          status.textContent = "You can list at most " + limit + " people for one interview.";
        }
        return;
      }
      var fragment = template.content.cloneNode(true);
      renumber(fragment, index);
      var row = fragment.firstElementChild;
      rows.appendChild(fragment);
      total.value = String(index + 1);
      if (row) {
        enhancePickers(row);
        if (window.htmx) {
          window.htmx.process(row);
        }
      }
      var first = row ? row.querySelector("select, input:not([type=hidden]), textarea") : null;
      if (first) {
        first.focus();
      }
      if (status) {
        status.textContent = "Person " + (index + 1) + " added.";
      }
    });
  }

  // Each person's contact picker: the search box (htmx fetches the matches) and the chosen contact.
  function enhancePickers(root) {
    root.querySelectorAll("[data-contact-picker]").forEach(function (picker) {
      var box = picker.querySelector("[data-contact-search-box]");
      var clear = picker.querySelector("[data-contact-clear]");
      var id = picker.querySelector("[data-contact-id]");
      if (box) {
        box.hidden = false;
      }
      if (clear && id) {
        clear.hidden = !id.value;
      }
    });
  }

  function options(picker) {
    return Array.prototype.slice.call(picker.querySelectorAll("[data-contact-option]"));
  }

  function choose(picker, option) {
    picker.querySelector("[data-contact-id]").value = option.dataset.contactId;
    picker.querySelector("[data-contact-label]").textContent = option.dataset.contactLabel;
    picker.querySelector("[data-contact-chosen]").hidden = false;
    var clear = picker.querySelector("[data-contact-clear]");
    clear.hidden = false;
    picker.querySelector("[data-contact-search]").value = "";
    var results = picker.querySelector("[data-contact-results]");
    results.textContent = option.dataset.contactLabel + " chosen.";
    clear.focus();
  }

  function forget(picker) {
    picker.querySelector("[data-contact-id]").value = "";
    picker.querySelector("[data-contact-chosen]").hidden = true;
    picker.querySelector("[data-contact-search]").focus();
  }

  function wirePickers() {
    enhancePickers(document);
    document.addEventListener("click", function (event) {
      var picker = event.target.closest ? event.target.closest("[data-contact-picker]") : null;
      if (!picker) {
        return;
      }
      var option = event.target.closest("[data-contact-option]");
      if (option) {
        choose(picker, option);
      } else if (event.target.closest("[data-contact-clear]")) {
        forget(picker);
      }
    });
    document.addEventListener("keydown", function (event) {
      var picker = event.target.closest ? event.target.closest("[data-contact-picker]") : null;
      if (!picker) {
        return;
      }
      var found = options(picker);
      var search = picker.querySelector("[data-contact-search]");
      if (event.target === search) {
        // Enter here means "search", never "save the interview"; the arrow goes down to the matches.
        if (event.key === "Enter" || (event.key === "ArrowDown" && found.length)) {
          event.preventDefault();
          if (found.length) {
            found[0].focus();
          }
        }
        return;
      }
      var at = found.indexOf(event.target);
      if (at === -1) {
        return;
      }
      if (event.key === "ArrowDown" && at + 1 < found.length) {
        event.preventDefault();
        found[at + 1].focus();
      } else if (event.key === "ArrowUp" || event.key === "Escape") {
        event.preventDefault();
        (at > 0 && event.key === "ArrowUp" ? found[at - 1] : search).focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireAddPerson();
    wirePickers();
  });
})();
