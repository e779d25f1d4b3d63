// The on-screen keyboard (@civic-kiosk/ui, branch keyboard) loads only when a comment or a receipt is typed.
export async function loadKeyboard(): Promise<void> {
  // TODO(#10): import '@civic-kiosk/ui/keyboard.js' once the keyboard branch is merged.
}
