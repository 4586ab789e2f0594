// Progressive enhancement only: every page works without this file.
// The language switcher submits as soon as a language is picked.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("language-select");
  if (select && select.form) {
    select.addEventListener("change", () => select.form.submit());
  }
});
