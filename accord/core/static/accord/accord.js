// Accord's own behaviour, as a file: the Content-Security-Policy allows no inline script.
// A "Go back" link (data-back) returns to the previous page; without JavaScript it opens its href.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});

// Folded on a narrow screen: a <details open data-fold-below="600"> (the queue's filters) is open in the page, so
// that without JavaScript it shows everywhere; here it is closed at that width or below, and opened again when the
// window widens past it (a wide screen has no summary to open it with: accord.css).
document.querySelectorAll("details[data-fold-below]").forEach(function (details) {
  var narrow = window.matchMedia("(max-width: " + details.getAttribute("data-fold-below") + "px)");
  function follow() { details.open = !narrow.matches; }
  follow();
  narrow.addEventListener("change", follow);
});
