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
})();
