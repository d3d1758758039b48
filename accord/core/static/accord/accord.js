// Accord's own behaviour, as a file: the Content-Security-Policy allows no inline script.
// A "Go back" link (data-back) returns to the previous page; without JavaScript it opens its href.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
