// Small behaviours of the workspace: the phone menu, cloning hazard blocks, confirm buttons.
document.addEventListener("click", function (event) {
  var toggle = event.target.closest("[data-menu-toggle]");
  if (toggle) { document.body.classList.toggle("nav-open"); return; }
  var add = event.target.closest("[data-clone]");
  if (add) {
    var template = document.getElementById(add.dataset.clone);
    var target = document.getElementById(add.dataset.target);
    var index = target.querySelectorAll("fieldset.hazard").length;
    var html = template.innerHTML.replace(/__i__/g, String(index)).replace(/__n__/g, String(index + 1));
    target.insertAdjacentHTML("beforeend", html);
    var count = document.querySelector("[name=hazard_count]");
    if (count) { count.value = String(index + 1); }
    return;
  }
  var pick = event.target.closest("[data-pick-unit]");
  if (pick) {
    document.getElementById("id_unit").value = pick.dataset.pickUnit;
    document.getElementById("unit-picked").textContent = pick.dataset.label;
    document.getElementById("unit-results").innerHTML = "";
  }
});
document.addEventListener("submit", function (event) {
  var message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) { event.preventDefault(); }
});
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-autosubmit]")) { event.target.form.submit(); }
});
// The bulk page's select-all box (ticks every row of the table it heads).
document.addEventListener("change", function (event) {
  if (!event.target.matches("[data-select-all]")) { return; }
  var table = event.target.closest("table");
  table.querySelectorAll("input[name=id]").forEach(function (box) { box.checked = event.target.checked; });
});
// The list page's bulk bar: "select all on page" ticks the row boxes that belong to its form.
document.addEventListener("change", function (event) {
  var owner = event.target.dataset ? event.target.dataset.selectPage : undefined;
  if (!owner) { return; }
  document.querySelectorAll("input[name=id][form='" + owner + "']").forEach(function (box) {
    box.checked = event.target.checked;
  });
});
