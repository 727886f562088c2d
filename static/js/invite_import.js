// The new-interview form's "From a calendar invite" box: a file dropped on it is read at once, the same as
// choosing it and pressing "Fill in from invite". Without this script, choosing and pressing still works.
(function () {
  "use strict";

  function wireDrop() {
    var zone = document.querySelector("[data-invite-drop]");
    var input = zone ? zone.querySelector('input[type="file"]') : null;
    var button = zone ? zone.querySelector("[data-invite-import]") : null;
    if (!zone || !input || !button) {
      return;
    }
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("invite-drop-active");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () {
        zone.classList.remove("invite-drop-active");
      });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = event.dataTransfer ? event.dataTransfer.files : null;
      if (!files || !files.length) {
        return;
      }
      try {
        input.files = files;
      } catch (error) {
        return; // An old browser: the user can still choose the file.
      }
      if (button.form && button.form.requestSubmit) {
        button.form.requestSubmit(button);
      } else {
        button.click();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", wireDrop);
})();
