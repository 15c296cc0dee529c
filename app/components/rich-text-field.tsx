import { Component, lazy, Suspense, useCallback, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { richTextFromPlain } from "~/domain/rich-text/rich-text.ts";
import { useHydrated } from "~/utils/use-hydrated.ts";

// Lexical is fetched only by pages that show this field, and only once the page runs in the browser.
const RichTextEditor = lazy(() => import("./rich-text-editor.client.tsx"));

export interface RichTextFieldProps {
  /** The form field of the editor's state; the plain-text fallback is `<name>Text`. */
  name: string;
  label: string;
  /** The saved state (serialised Lexical JSON), or "" / null for none. */
  initialState?: string | null;
  /** The same text as plain text, for the fallback text area. */
  initialText?: string;
  /** An i18n key ("editor:errors.rich_text_empty"), as returned by the form's action. */
  error?: string;
  /** Ids of further descriptions (a hint shown by the page). */
  describedBy?: string;
  /** Where images are uploaded (multipart `file` + `csrf`, answer `{ url, alt }` or `{ error }`); no images without. */
  uploadUrl?: string;
  /** The CSRF token for uploads; the root loader's when not given. */
  csrf?: string;
}

/** If the editor's chunk cannot be loaded (offline, a new deployment), the text area simply stays. */
class EditorBoundary extends Component<{ onError: () => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch() {
    this.props.onError();
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * A rich-text field. Without JavaScript (and until the editor is ready) it is a labelled text area
 * (`<name>Text`, plain text: blank lines start paragraphs) next to an empty hidden `<name>`; once hydrated the
 * Lexical editor takes its place and keeps `<name>` filled with its state, which the server then prefers
 * (`bodyFrom` in domain/mentoring/submissions.server.ts). Text typed before the editor arrived is carried over.
 */
export function RichTextField({
  name,
  label,
  initialState,
  initialText = "",
  error,
  describedBy,
  uploadUrl,
  csrf,
}: RichTextFieldProps) {
  // Errors come from the editor's namespace ("editor:errors.…") or the shared one.
  const { t } = useTranslation(["editor", "common"]);
  const hydrated = useHydrated();
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const stateInput = useRef<HTMLInputElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const id = `${name}-field`;
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const showEditor = hydrated && !failed;
  // The plain-text hint, while the page runs without JavaScript (or the editor could not be loaded).
  const showHint = !ready && (!hydrated || failed);
  const described = (withHint: boolean) =>
    [withHint ? hintId : null, error ? errorId : null, describedBy].filter(Boolean).join(" ") || undefined;

  const initial = useCallback(() => {
    const typed = textArea.current?.value;
    if (typed !== undefined && typed !== initialText) return { json: richTextFromPlain(typed), text: typed };
    return { json: initialState ?? "", text: initialText };
    // The editor asks once, when it mounts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onChange = useCallback((json: string) => {
    if (stateInput.current) stateInput.current.value = json;
  }, []);

  const onReady = useCallback((focus: () => void) => {
    const hadFocus = typeof document !== "undefined" && document.activeElement === textArea.current;
    setReady(true);
    if (hadFocus) requestAnimationFrame(focus);
  }, []);

  return (
    <div className={error ? "field field--invalid rich-text-field" : "field rich-text-field"}>
      <label id={labelId} htmlFor={ready ? undefined : id}>
        {label}
      </label>
      {showHint ? (
        <p className="field__hint" id={hintId}>
          {t("fallback_hint")}
        </p>
      ) : null}
      {showEditor ? (
        <div hidden={!ready}>
          <EditorBoundary
            onError={() => {
              setFailed(true);
              setReady(false);
              if (stateInput.current) stateInput.current.value = "";
            }}
          >
            <Suspense fallback={null}>
              <RichTextEditor
                initialState={initial}
                labelledBy={labelId}
                describedBy={described(false)}
                invalid={Boolean(error)}
                uploadUrl={uploadUrl}
                csrf={csrf}
                onChange={onChange}
                onReady={onReady}
              />
            </Suspense>
          </EditorBoundary>
        </div>
      ) : null}
      {ready ? null : (
        <textarea
          id={id}
          ref={textArea}
          name={`${name}Text`}
          defaultValue={initialText}
          rows={12}
          dir="auto"
          spellCheck
          aria-invalid={error ? true : undefined}
          aria-describedby={described(showHint)}
          className="rich-text-field__fallback"
        />
      )}
      {/* No defaultValue: on a hidden input it is the value itself, and React would reset it on every re-render. */}
      <input type="hidden" name={name} ref={stateInput} />
      {error ? (
        <p className="field__error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
