// Small progressive enhancements: no inline scripts, so the Content-Security-Policy stays strict.
(function () {
  "use strict";

  // Fill a time-zone field marked data-guess-time-zone with the browser's zone when it is still empty.
  function guessTimeZone() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    document.querySelectorAll("[data-guess-time-zone]").forEach(function (field) {
      if (!field.dataset.userChose && zone) {
        var option = field.querySelector ? field.querySelector('option[value="' + zone + '"]') : null;
        if (field.tagName !== "SELECT" || option) {
          field.value = zone;
        }
      }
    });
  }

  // Buttons with data-copy-target copy that element's text and say so.
  function wireCopyButtons() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.copyTarget);
        if (!target || !navigator.clipboard) {
          return;
        }
        var text = target.value !== undefined ? target.value : target.innerText;
        navigator.clipboard.writeText(text).then(function () {
          var status = document.getElementById(button.dataset.copyStatus || "");
          if (status) {
            status.textContent = "Copied to the clipboard.";
          }
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    guessTimeZone();
    wireCopyButtons();
  });
})();
