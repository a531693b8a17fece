/* vMotion Planner — pan and zoom for the topology drawings (issue 9 §2). No inline script
   (CSP: script-src 'self'); every handler is delegated from the document, so drawings that
   htmx swaps in work without set-up.
   - .zoomable [data-zoom="in|out|reset|fit"]: zoom the drawing of that .zoomable.
   - .zoom-viewport: drag with the mouse (or a finger) to pan; Ctrl + wheel zooms.
   100 % is the drawing's own size, at which no text is under 9 px. */
(function () {
  "use strict";

  var STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3, 4];

  function parts(box) {
    var viewport = box.querySelector(".zoom-viewport");
    var svg = viewport ? viewport.querySelector("svg") : null;
    return { viewport: viewport, svg: svg, level: box.querySelector(".zoom-level") };
  }

  function natural(svg) {
    return {
      w: parseFloat(svg.getAttribute("width")) || svg.getBoundingClientRect().width,
      h: parseFloat(svg.getAttribute("height")) || svg.getBoundingClientRect().height
    };
  }

  function apply(box, scale) {
    var p = parts(box);
    if (!p.svg) return;
    var size = natural(p.svg);
    var centreX = (p.viewport.scrollLeft + p.viewport.clientWidth / 2) / (p.viewport.scrollWidth || 1);
    var centreY = (p.viewport.scrollTop + p.viewport.clientHeight / 2) / (p.viewport.scrollHeight || 1);
    box.setAttribute("data-scale", String(scale));
    p.svg.style.width = size.w * scale + "px";
    p.svg.style.height = size.h * scale + "px";
    p.viewport.scrollLeft = centreX * p.viewport.scrollWidth - p.viewport.clientWidth / 2;
    p.viewport.scrollTop = centreY * p.viewport.scrollHeight - p.viewport.clientHeight / 2;
    if (p.level) p.level.textContent = Math.round(scale * 100) + " %";
  }

  function current(box) {
    return parseFloat(box.getAttribute("data-scale")) || 1;
  }

  function step(box, direction) {
    var scale = current(box);
    var next = direction > 0
      ? STEPS.find(function (s) { return s > scale + 0.001; }) || STEPS[STEPS.length - 1]
      : STEPS.slice().reverse().find(function (s) { return s < scale - 0.001; }) || STEPS[0];
    apply(box, next);
  }

  function fit(box) {
    var p = parts(box);
    if (!p.svg) return;
    var size = natural(p.svg);
    apply(box, Math.min(1, p.viewport.clientWidth / size.w));
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-zoom]") : null;
    var box = button ? button.closest("[data-panzoom]") : null;
    if (!box) return;
    var how = button.getAttribute("data-zoom");
    if (how === "in") step(box, 1);
    else if (how === "out") step(box, -1);
    else if (how === "fit") fit(box);
    else apply(box, 1);
  });

  document.addEventListener("wheel", function (event) {
    if (!event.ctrlKey) return;
    var box = event.target instanceof Element ? event.target.closest("[data-panzoom]") : null;
    if (!box) return;
    event.preventDefault();
    step(box, event.deltaY < 0 ? 1 : -1);
  }, { passive: false });

  var drag = null;
  document.addEventListener("pointerdown", function (event) {
    var viewport = event.target instanceof Element ? event.target.closest(".zoom-viewport") : null;
    if (!viewport || event.button !== 0) return;
    drag = { viewport: viewport, x: event.clientX, y: event.clientY,
             left: viewport.scrollLeft, top: viewport.scrollTop };
    viewport.classList.add("dragging");
  });
  document.addEventListener("pointermove", function (event) {
    if (!drag) return;
    drag.viewport.scrollLeft = drag.left - (event.clientX - drag.x);
    drag.viewport.scrollTop = drag.top - (event.clientY - drag.y);
  });
  function stop() {
    if (drag) drag.viewport.classList.remove("dragging");
    drag = null;
  }
  document.addEventListener("pointerup", stop);
  document.addEventListener("pointercancel", stop);
})();
