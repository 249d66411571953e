// newsgraph explorer, article page: pointing at an event (in the list or at its trigger word in the
// text) lights up its sentence in the text and its card in the list.
"use strict";

(function () {
  const text = document.getElementById("article-text");
  const list = document.getElementById("event-list");
  if (!text || !list) {
    return;
  }

  function show(idx, on) {
    for (const part of text.querySelectorAll("[data-events]")) {
      if (part.dataset.events.split(" ").includes(idx)) {
        part.classList.toggle("m-active", on);
      }
    }
    const card = list.querySelector(`[data-event="${idx}"]`);
    if (card) {
      card.classList.toggle("active", on);
    }
  }

  function follow(container, selector, attribute) {
    for (const eventName of ["mouseover", "focusin"]) {
      container.addEventListener(eventName, (event) => {
        const item = event.target.closest(selector);
        if (item) show(item.getAttribute(attribute), true);
      });
    }
    for (const eventName of ["mouseout", "focusout"]) {
      container.addEventListener(eventName, (event) => {
        const item = event.target.closest(selector);
        if (item) show(item.getAttribute(attribute), false);
      });
    }
  }

  follow(list, "[data-event]", "data-event");
  follow(text, "[data-trigger]", "data-trigger");
})();
