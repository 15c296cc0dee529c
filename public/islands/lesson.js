// Lesson pages are served without the React runtime (see docs/decisions/015). This small island
// makes their exercises answer in place: it posts the block's form, takes the block and the progress
// bar from the page the server answers with, and swaps them in. Without JavaScript, or if anything
// fails, the form simply posts and the page reloads: the same result, one reload more.
document.documentElement.dataset.islands = "ready";

document.addEventListener("submit", async (event) => {
  const form = event.target;
  const block = form instanceof HTMLFormElement ? form.closest(".block[id]") : null;
  if (!block) return;
  event.preventDefault();
  const body = new URLSearchParams(new FormData(form, event.submitter));
  const controls = form.querySelector("fieldset");
  if (controls) controls.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    if (!response.ok) throw new Error(String(response.status));
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById(block.id);
    if (!fresh) throw new Error("block missing");
    block.replaceWith(fresh);
    const meta = page.querySelector(".lesson-meta");
    if (meta) document.querySelector(".lesson-meta")?.replaceWith(meta);
    // Move focus to what changed, so keyboard and screen-reader users hear the feedback.
    const focusTarget = fresh.querySelector("[role=status], .ending, fieldset button, fieldset input") ?? fresh;
    if (!focusTarget.hasAttribute("tabindex") && !/^(BUTTON|INPUT|SELECT)$/.test(focusTarget.tagName))
      focusTarget.setAttribute("tabindex", "-1");
    focusTarget.focus({ preventScroll: false });
  } catch {
    if (controls) controls.disabled = false;
    HTMLFormElement.prototype.submit.call(form);
  }
});
