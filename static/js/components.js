// The three Bootstrap behaviours Followup's pages use, and nothing else: a collapse (the menu button on a
// phone, the interview filters), a dropdown menu (a person's "New letter") and a dismissible alert.
// The markup keeps Bootstrap's data-bs-* attributes and classes, so its stylesheet applies unchanged.
// Listeners sit on the document, so parts htmx swaps in work without being wired again.
(function () {
  "use strict";

  var DROPDOWN_TOGGLE = '[data-bs-toggle="dropdown"]';
  var MENU_ITEM = ".dropdown-item:not(.disabled):not(:disabled)";
  // Keys that move focus inside an open menu: by one item, or to the first or last.
  var MOVES = { ArrowDown: 1, ArrowUp: -1, Home: "first", End: "last" };

  // -- Collapse: a button with data-bs-toggle="collapse" shows and hides the element its
  // data-bs-target names, and every button for that element says whether it is open.

  function toggleCollapse(button) {
    var selector = button.getAttribute("data-bs-target");
    var target = selector ? document.querySelector(selector) : null;
    if (!target) {
      return;
    }
    var open = !target.classList.contains("show");
    target.classList.toggle("show", open);
    document.querySelectorAll('[data-bs-toggle="collapse"]').forEach(function (other) {
      if (other.getAttribute("data-bs-target") === selector) {
        other.setAttribute("aria-expanded", open ? "true" : "false");
      }
    });
  }

  // -- Dropdown: the button opens the .dropdown-menu beside it; a click elsewhere, Escape or moving
  // focus out of it closes it. Arrow keys, Home and End move between its items.

  var openButton = null;

  function menuOf(button) {
    return button.parentElement.querySelector(".dropdown-menu");
  }

  function itemsOf(button) {
    return Array.prototype.slice.call(menuOf(button).querySelectorAll(MENU_ITEM));
  }

  function openDropdown(button) {
    if (openButton && openButton !== button) {
      closeDropdown(false);
    }
    var menu = menuOf(button);
    // Bootstrap's stylesheet places a menu carrying this attribute just below its button.
    menu.setAttribute("data-bs-popper", "static");
    menu.classList.add("show");
    button.classList.add("show");
    button.setAttribute("aria-expanded", "true");
    openButton = button;
    keepOnScreen(menu);
  }

  // Bootstrap's stylesheet lines the menu up with its button's left edge; on a narrow screen that can
  // run past the right edge. Slide it left as far as needed, never past the left edge. (A style set
  // from a script is allowed by the Content-Security-Policy; a style attribute in markup is not.)
  function keepOnScreen(menu) {
    var margin = 8;
    var width = document.documentElement.clientWidth;
    menu.style.left = "";
    var box = menu.getBoundingClientRect();
    var shift = Math.min(0, width - margin - box.right);
    shift = Math.max(shift, margin - box.left);
    if (shift < 0) {
      menu.style.left = shift + "px";
    }
  }

  function closeDropdown(returnFocus) {
    var button = openButton;
    if (!button) {
      return;
    }
    var menu = menuOf(button);
    menu.classList.remove("show");
    menu.style.left = "";
    button.classList.remove("show");
    button.setAttribute("aria-expanded", "false");
    openButton = null;
    if (returnFocus) {
      button.focus();
    }
  }

  function focusItem(button, where) {
    var items = itemsOf(button);
    if (!items.length) {
      return;
    }
    var current = items.indexOf(document.activeElement);
    var index;
    if (where === "first") {
      index = 0;
    } else if (where === "last") {
      index = items.length - 1;
    } else if (current === -1) {
      index = where > 0 ? 0 : items.length - 1;
    } else {
      index = (current + where + items.length) % items.length;
    }
    items[index].focus();
  }

  function onDropdownKey(event) {
    var onButton = event.target.closest(DROPDOWN_TOGGLE);
    var inMenu = openButton && menuOf(openButton).contains(event.target);
    if (!onButton && !inMenu) {
      return;
    }
    var button = onButton || openButton;
    if (event.key === "Escape" && openButton === button) {
      event.preventDefault();
      closeDropdown(true);
    } else if (MOVES.hasOwnProperty(event.key) && (inMenu || event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      if (openButton !== button) {
        openDropdown(button);
      }
      // From the button, Down opens at the first item and Up at the last.
      focusItem(button, onButton ? (event.key === "ArrowUp" ? "last" : "first") : MOVES[event.key]);
    }
  }

  // -- Alert: a button with data-bs-dismiss="alert" removes its alert. Focus goes to the next alert's
  // button, or to the main content, rather than being lost with the button.

  function dismissAlert(button) {
    var alert = button.closest(".alert");
    if (!alert) {
      return;
    }
    var container = alert.parentElement;
    alert.remove();
    var next = container.querySelector('[data-bs-dismiss="alert"]') || document.getElementById("main");
    if (next) {
      next.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var control = event.target.closest("[data-bs-toggle], [data-bs-dismiss]");
    if (openButton && !openButton.parentElement.contains(event.target)) {
      closeDropdown(false);
    }
    if (!control) {
      return;
    }
    var toggle = control.getAttribute("data-bs-toggle");
    if (toggle === "collapse") {
      event.preventDefault();
      toggleCollapse(control);
    } else if (toggle === "dropdown") {
      event.preventDefault();
      if (openButton === control) {
        closeDropdown(false);
      } else {
        openDropdown(control);
      }
    } else if (control.getAttribute("data-bs-dismiss") === "alert") {
      dismissAlert(control);
    }
  });

  document.addEventListener("keydown", onDropdownKey);

  // Tabbing out of an open menu closes it. A mouse click elsewhere is left to the click listener:
  // some browsers do not focus a clicked button, so a focus change alone may not mean it left.
  document.addEventListener("focusout", function (event) {
    if (openButton && event.relatedTarget && !openButton.parentElement.contains(event.relatedTarget)) {
      closeDropdown(false);
    }
  });
})();
