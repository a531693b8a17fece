/* vMotion Planner — small behaviours, no inline script anywhere (CSP: script-src 'self').
   - form[data-confirm]: ask before submitting (delete, revoke, restore).
   - [data-copy="#id"]: copy the value/text of the target to the clipboard.
   - input[data-select-on-focus]: select the whole value (share links).
   - [data-print]: open the browser's print dialog. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("click", function (event) {
    var el = event.target instanceof Element ? event.target.closest("[data-copy],[data-print]") : null;
    if (!el) return;
    if (el.hasAttribute("data-print")) {
      event.preventDefault();
      window.print();
      return;
    }
    var target = document.querySelector(el.getAttribute("data-copy"));
    if (!target) return;
    var text = "value" in target ? target.value : target.textContent;
    var done = function () {
      var label = el.textContent;
      el.textContent = "Copied";
      window.setTimeout(function () { el.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else if (typeof target.select === "function") {
      target.select();
      document.execCommand("copy");
      done();
    }
  });

  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el instanceof HTMLInputElement && el.hasAttribute("data-select-on-focus")) el.select();
  });
})();
