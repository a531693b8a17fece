/* vMotion Planner editor — places the live preview's field errors next to their fields.
   The preview fragment lists each problem as <li data-field-error="hosts.0.name"
   data-message="…">; after every preview swap this script clears the previous messages and
   marks each named field (aria-invalid, a message below it). No inline script (CSP). */
(function () {
  "use strict";

  function fieldFor(form, path) {
    var inputs = form.querySelectorAll("[name]");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].getAttribute("name") === path && inputs[i].type !== "hidden") return inputs[i];
    }
    return null;
  }

  function clearMarks(form) {
    form.querySelectorAll(".field-errors").forEach(function (el) { el.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
  }

  function placeErrors(form, preview) {
    var items = preview.querySelectorAll("[data-field-error]");
    var unplaced = 0;
    items.forEach(function (item) {
      var path = item.getAttribute("data-field-error");
      var input = path ? fieldFor(form, path) : null;
      var box = input ? input.closest(".field") : null;
      if (!box) {
        // Section-level messages (e.g. "hosts") go to the section's own error slot.
        box = form.querySelector('[data-errors-for="' + path + '"]');
      }
      if (!box) { unplaced++; return; }
      var list = box.querySelector(":scope > .field-errors");
      if (!list) {
        list = document.createElement("ul");
        list.className = "field-errors";
        box.appendChild(list);
      }
      var li = document.createElement("li");
      li.textContent = item.getAttribute("data-message");
      list.appendChild(li);
      box.classList.add("has-error");
      if (input) input.setAttribute("aria-invalid", "true");
    });
    return unplaced;
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "preview") return;
    var form = document.getElementById("design-form");
    if (!form) return;
    clearMarks(form);
    placeErrors(form, target);
  });

  // Show that the preview is being refreshed (the form is the element making the request).
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.target && event.target.id === "design-form") {
      var aside = document.querySelector(".editor-preview");
      if (aside) aside.classList.add("is-updating");
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.target && event.target.id === "design-form") {
      var aside = document.querySelector(".editor-preview");
      if (aside) aside.classList.remove("is-updating");
    }
  });

  // Unsaved-changes guard (issue 9 §4): leaving the editor with edits asks first, both from the
  // Cancel link (a confirm) and from any other navigation (the browser's beforeunload prompt).
  // The row tools' own fields (ticks, new-card shape) change nothing in the design.
  var TOOL_FIELD = /^(pick$|new_card\.|bulk_role\.)/;
  var dirty = false;
  var leaving = false;

  function markDirty(event) {
    var name = event.target && event.target.getAttribute("name");
    if (name && !TOOL_FIELD.test(name)) dirty = true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("design-form");
    if (!form) return;
    // A form shown again after a failed save (or carried from a conflict) is already unsaved.
    dirty = form.hasAttribute("data-unsaved");
    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", function () { leaving = true; });
    document.querySelectorAll("[data-confirm-unsaved]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!dirty) return;
        if (window.confirm(link.getAttribute("data-confirm-unsaved"))) {
          leaving = true;
        } else {
          event.preventDefault();
        }
      });
    });
  });

  // Adding, removing or moving rows changes the design without an input event.
  document.addEventListener("htmx:afterRequest", function (event) {
    var path = event.detail && event.detail.pathInfo && event.detail.pathInfo.requestPath;
    if (event.detail.successful && path && path.indexOf("/edit/rows") !== -1) dirty = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (!dirty || leaving) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
