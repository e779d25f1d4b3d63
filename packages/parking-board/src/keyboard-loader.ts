// The on-screen keyboard (a separate entry of @civic-kiosk/ui, CONTRACT A) loads only when a comment or a
// receipt is typed: pages that never show it pay nothing for it.
export async function loadKeyboard(): Promise<void> {
  await import('@civic-kiosk/ui/keyboard.js');
}
