// The letter editor and print view: print button, a mailto link that follows the text, unsaved changes.
(function () {
  "use strict";

  function wirePrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function encode(text) {
    try {
      return encodeURIComponent(text);
    } catch (e) {
      // A lone surrogate cannot be encoded; drop it rather than break the link.
      return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ""));
    }
  }

  // Keep "Open in email app" in step with the text being typed, encoded like the server's link:
  // every character of the subject and body percent-encoded, line ends as CRLF.
  function wireMailto(subject, body) {
    var link = document.querySelector("[data-mailto-base]");
    if (!link || !subject || !body) {
      return;
    }
    function update() {
      var oneLine = subject.value.replace(/\s+/g, " ").trim();
      var text = body.value.replace(/\r\n|\r|\n/g, "\r\n");
      link.href = link.dataset.mailtoBase + "?subject=" + encode(oneLine) + "&body=" + encode(text);
    }
    subject.addEventListener("input", update);
    body.addEventListener("input", update);
  }

  // Say when the text differs from what is saved, and ask before leaving the page with it unsaved.
  function wireUnsavedChanges(form, subject, body) {
    if (!form || !subject || !body) {
      return;
    }
    // A page shown again after an error or a conflict holds text that is not saved yet.
    var saved = form.hasAttribute("data-unsaved") ? null : subject.value + "\u0000" + body.value;
    var note = document.getElementById("unsaved-note");
    var submitting = false;
    var openingMailApp = false;
    function dirty() {
      return subject.value + "\u0000" + body.value !== saved;
    }
    function update() {
      if (note) {
        note.hidden = !dirty();
      }
    }
    subject.addEventListener("input", update);
    body.addEventListener("input", update);
    form.addEventListener("submit", function () {
      submitting = true;
    });
    // Some browsers announce leaving the page when a mailto: link opens the mail app; it does not leave.
    document.querySelectorAll("a[href^='mailto:']").forEach(function (link) {
      link.addEventListener("click", function () {
        openingMailApp = true;
        window.setTimeout(function () {
          openingMailApp = false;
        }, 1000);
      });
    });
    update();
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && !openingMailApp && dirty()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-letter-form]");
    var subject = form ? document.getElementById("id_subject") : null;
    var body = form ? document.getElementById("id_body") : null;
    wirePrintButtons();
    wireMailto(subject, body);
    wireUnsavedChanges(form, subject, body);
  });
})();
