/* lnob book: make the visible sidebar buttons work.

   pydata-sphinx-theme 0.17.1 and sphinx-book-theme 1.3.0 bind their sidebar click handlers with
   document.querySelector(".primary-toggle") and (".secondary-toggle"): the first such button,
   which is pydata's header button that sphinx-book-theme hides. The buttons readers see (in the
   article header) had no handler, so below 992 px the navigation could not be opened at all
   (upstream pydata-sphinx-theme #2451, sphinx-book-theme #988).

   Fix: a click on any other toggle is handed to the first one, which carries both themes'
   handlers (a dialog below 992 px, a collapsed sidebar above). Our handler runs in the capture
   phase and stops the event, so it stays correct if a later theme release binds every button. */
(function () {
  "use strict";
  function forward(selector) {
    var buttons = document.querySelectorAll(selector);
    var bound = buttons[0];
    Array.prototype.slice.call(buttons, 1).forEach(function (button) {
      button.setAttribute("type", "button");
      button.addEventListener(
        "click",
        function (event) {
          event.preventDefault();
          event.stopImmediatePropagation();
          // The theme saves the focused element and restores it when the dialog closes.
          button.focus();
          bound.click();
        },
        true
      );
    });
  }
  function init() {
    forward(".primary-toggle");
    forward(".secondary-toggle");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
