// Rendering happens at most once per animation frame, however fast messages arrive: each view marks itself dirty
// and draws the latest state when the frame comes.

const dirty = new Set();
let requested = false;

export function invalidate(view) {
  dirty.add(view);
  if (!requested) {
    requested = true;
    requestAnimationFrame(drawDirtyViews);
  }
}

function drawDirtyViews() {
  requested = false;
  const views = [...dirty];
  dirty.clear();
  for (const view of views) {
    view.render();
  }
}
