// The interview form's "Add another person" button, done in the page: it copies the blank row kept in
// <template id="person-empty-row">. Without this script the button asks the server for the extra row.
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
      var first = row ? row.querySelector("select, input:not([type=hidden]), textarea") : null;
      if (first) {
        first.focus();
      }
      if (status) {
        status.textContent = "Person " + (index + 1) + " added.";
      }
    });
  }

  document.addEventListener("DOMContentLoaded", wireAddPerson);
})();
