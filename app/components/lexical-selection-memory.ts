import { $getSelection, type BaseSelection, type LexicalEditor } from "lexical";
import { useEffect, useRef, type MutableRefObject } from "react";

/**
 * Where the writer last had the cursor, kept after focus moves to a toolbar, so a toolbar's edit lands there.
 * Shared by the lesson editor and the rich-text field's editor.
 */
export function useSelectionMemory(editor: LexicalEditor): MutableRefObject<BaseSelection | null> {
  const last = useRef<BaseSelection | null>(null);
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection();
          if (selection) last.current = selection.clone();
        });
      }),
    [editor]
  );
  return last;
}
