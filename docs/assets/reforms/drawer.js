/* Keyboard on a narrow screen: Material's navigation drawer sits off-canvas, and so do its nested
 * panels (关于 ›), yet their links take focus, so Tab would move the focus out of sight (and the
 * menu button cannot be reached by Tab). While the focus is inside the drawer it is open, and so is
 * the panel holding the focus; each closes again when the focus leaves it, unless it was open
 * before. */
(function () {
  "use strict";

  var drawerToggle = document.getElementById("__drawer");
  var drawer = document.querySelector(".md-sidebar--primary");
  var offCanvas = window.matchMedia("(max-width: 76.234375em)");  // Material's drawer breakpoint
  var openedByFocus = [];
  if (!drawerToggle || !drawer) {
    return;
  }

  function setChecked(toggle, checked) {
    if (toggle.checked !== checked) {
      toggle.checked = checked;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function panelTogglesAround(element) {
    var toggles = [];
    var panel = element.closest("nav.md-nav");
    while (panel && drawer.contains(panel) && panel.getAttribute("data-md-level") !== "0") {
      var toggle = panel.parentElement.querySelector(":scope > .md-nav__toggle");
      if (toggle) {
        toggles.push(toggle);
      }
      panel = panel.parentElement.closest("nav.md-nav");
    }
    return toggles;
  }

  function openAround(element) {
    setChecked(drawerToggle, true);
    panelTogglesAround(element).forEach(function (toggle) {
      if (!toggle.checked) {
        setChecked(toggle, true);
        openedByFocus.push(toggle);
      }
    });
  }

  function closeLeft(focusNowOn) {
    openedByFocus = openedByFocus.filter(function (toggle) {
      var panel = toggle.parentElement.querySelector(":scope > nav");
      if (panel && panel.contains(focusNowOn)) {
        return true;
      }
      setChecked(toggle, false);
      return false;
    });
    if (!drawer.contains(focusNowOn)) {
      setChecked(drawerToggle, false);
    }
  }

  drawer.addEventListener("focusin", function (event) {
    if (offCanvas.matches) {
      openAround(event.target);
    }
  });

  drawer.addEventListener("focusout", function (event) {
    if (offCanvas.matches) {
      closeLeft(event.relatedTarget);
    }
  });
})();
