import { $createLinkNode, $isLinkNode, $toggleLink } from "@lexical/link";
import { useSelectionMemory } from "~/components/lexical-selection-memory.ts";
import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  REMOVE_LIST_COMMAND,
} from "@lexical/list";
import { LexicalComposer, type InitialConfigType } from "@lexical/react/LexicalComposer";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HistoryPlugin } from "@lexical/react/LexicalHistoryPlugin";
import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { TablePlugin } from "@lexical/react/LexicalTablePlugin";
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { $createTableNodeWithDimensions } from "@lexical/table";
import { $findMatchingParent } from "@lexical/utils";
import { useRouteLoaderData } from "@remix-run/react";
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isElementNode,
  $isRangeSelection,
  $isRootNode,
  $setSelection,
  createEditor,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type LexicalNode,
} from "lexical";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { richTextFromPlain } from "~/domain/rich-text/rich-text.ts";
import { $createRichTextImageNode, RICH_TEXT_NODES } from "./rich-text-editor-image-node.ts";

/**
 * The rich-text editor of a RichTextField (submissions, feedback). A lazy chunk: only pages with such a field
 * load Lexical. It edits exactly what `domain/rich-text/rich-text.server.ts` renders, and reports its state
 * (the JSON the server checks) after every change.
 */

export interface RichTextEditorProps {
  /** What to start from, asked once when the editor mounts: a saved state, else (or if it fails to load) text. */
  initialState: () => { json: string; text: string };
  labelledBy: string;
  describedBy?: string;
  invalid: boolean;
  uploadUrl?: string;
  csrf?: string;
  /** Called with the serialised state once mounted and after every change. */
  onChange: (json: string) => void;
  /** Called once the editor is in the page, with a way to move the focus into it. */
  onReady: (focus: () => void) => void;
}

const THEME: InitialConfigType["theme"] = {
  paragraph: "ed-p",
  quote: "ed-quote",
  heading: { h2: "ed-h2", h3: "ed-h3", h4: "ed-h4" },
  list: { ul: "ed-ul", ol: "ed-ol", listitem: "ed-li", nested: { listitem: "ed-li--nested" } },
  link: "ed-link",
  table: "ed-table",
  tableCell: "ed-cell",
  tableCellHeader: "ed-cell ed-cell--header",
  text: {
    underline: "ed-underline",
    strikethrough: "ed-strike",
    underlineStrikethrough: "ed-underline-strike",
    code: "ed-code",
  },
};

/** The upload route's error reasons → this namespace's messages. */
const UPLOAD_ERRORS: Record<string, string> = {
  type: "upload.errors.type",
  "too-large": "upload.errors.size",
  "too-many": "upload.errors.count",
  "not-enrolled": "upload.errors.not_enrolled",
  closed: "upload.errors.closed",
  missing: "upload.errors.missing",
};

/** http(s) with a host, or mailto: the links the server keeps. */
export function safeLink(url: string): string | null {
  const trimmed = url.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === "mailto:" || parsed.hostname ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A state the editor can load: the saved one when it parses, else the plain text. */
function loadable(json: string, fallbackText: string): string {
  if (json.trim() !== "") {
    try {
      const probe = createEditor({ nodes: RICH_TEXT_NODES, onError: () => {} });
      probe.parseEditorState(json);
      return json;
    } catch {
      // fall through to the plain text
    }
  }
  return richTextFromPlain(fallbackText);
}

/** The top-level block a node is in (tables are never put inside a table cell). */
function $topBlock(node: LexicalNode): LexicalNode | null {
  let current: LexicalNode | null = node;
  while (current && !$isRootNode(current.getParent())) current = current.getParent();
  return current;
}

/** Put a block after the block the cursor is in, or at the end. */
function $insertBlockAfterCursor(node: LexicalNode) {
  const selection = $getSelection();
  const anchor = $isRangeSelection(selection) ? selection.anchor.getNode() : null;
  const top = anchor && !$isRootNode(anchor) ? $topBlock(anchor) : null;
  if (top) top.insertAfter(node);
  else $getRoot().append(node);
  const after = $createParagraphNode();
  node.insertAfter(after);
  after.select();
}

type Block = "paragraph" | "h2" | "h3" | "quote" | "bullet" | "number" | "other";

function Toolbar({ uploadUrl, csrf }: { uploadUrl?: string; csrf: string }) {
  const { t } = useTranslation("editor");
  const [editor] = useLexicalComposerContext();
  const last = useSelectionMemory(editor);
  const id = useId();
  const [block, setBlock] = useState<Block>("paragraph");
  const [formats, setFormats] = useState({ bold: false, italic: false });
  const [currentLink, setCurrentLink] = useState<string | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkUrl, setLinkUrl] = useState("");
  const [alt, setAlt] = useState("");
  const [status, setStatus] = useState<{ kind: "info" | "error"; text: string } | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return;
          setFormats({ bold: selection.hasFormat("bold"), italic: selection.hasFormat("italic") });
          const anchor = selection.anchor.getNode();
          const link = $findMatchingParent(anchor, $isLinkNode);
          setCurrentLink($isLinkNode(link) ? link.getURL() : null);
          const list = $findMatchingParent(anchor, $isListNode);
          if ($isListNode(list)) {
            setBlock(list.getListType() === "number" ? "number" : "bullet");
            return;
          }
          // The block the cursor is in (in a table, the paragraph or heading inside the cell).
          const top = $findMatchingParent(anchor, (n) => $isElementNode(n) && !n.isInline() && !$isRootNode(n));
          const tag = $isHeadingNode(top) ? top.getTag() : null;
          setBlock(tag === "h2" || tag === "h3" ? tag : tag ? "other" : $isQuoteNode(top) ? "quote" : "paragraph");
        });
      }),
    [editor]
  );

  const edit = (fn: () => void) =>
    editor.update(() => {
      if (!$getSelection() && last.current) $setSelection(last.current.clone());
      fn();
    });

  const setBlockType = (type: "paragraph" | "h2" | "h3" | "quote") =>
    edit(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const next = type === block && type !== "paragraph" ? "paragraph" : type;
      $setBlocksType(selection, () =>
        next === "h2" || next === "h3"
          ? $createHeadingNode(next)
          : next === "quote"
          ? $createQuoteNode()
          : $createParagraphNode()
      );
    });

  const toggleList = (type: "bullet" | "number") =>
    edit(() => {
      if (block === type) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
      else
        editor.dispatchCommand(
          type === "bullet" ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
          undefined
        );
    });

  const openLink = () => {
    setLinkUrl(currentLink ?? "");
    setLinkOpen(true);
    setStatus(null);
    requestAnimationFrame(() => linkInput.current?.focus());
  };

  const closeLink = () => {
    setLinkOpen(false);
    editor.focus();
  };

  const applyLink = () => {
    const url = safeLink(linkUrl);
    if (!url) {
      setStatus({ kind: "error", text: t("toolbar.link_invalid") });
      linkInput.current?.focus();
      return;
    }
    setStatus(null);
    edit(() => {
      const selection = $getSelection();
      if (
        $isRangeSelection(selection) &&
        selection.isCollapsed() &&
        !$findMatchingParent(selection.anchor.getNode(), $isLinkNode)
      ) {
        // Nothing selected: the address becomes the link's text.
        $insertNodes([$createLinkNode(url).append($createTextNode(url))]);
      } else $toggleLink(url);
    });
    closeLink();
  };

  const removeLink = () => {
    edit(() => $toggleLink(null));
    closeLink();
  };

  const uploadImage = async (file: File) => {
    if (!uploadUrl) return;
    setStatus({ kind: "info", text: t("upload.uploading") });
    const body = new FormData();
    body.set("csrf", csrf);
    body.set("image", "1");
    body.set("file", file);
    try {
      const response = await fetch(uploadUrl, { method: "POST", body, headers: { accept: "application/json" } });
      const result = (await response.json().catch(() => ({}))) as { url?: unknown; alt?: unknown; error?: unknown };
      if (!response.ok || typeof result.url !== "string") {
        const key =
          typeof result.error === "string" && Object.hasOwn(UPLOAD_ERRORS, result.error)
            ? UPLOAD_ERRORS[result.error]
            : null;
        setStatus({ kind: "error", text: key ? t(key) : t("upload.failed") });
        return;
      }
      const src = result.url;
      const altText = alt.trim() || (typeof result.alt === "string" ? result.alt : "");
      edit(() => {
        const image = $createRichTextImageNode(src, altText);
        const selection = $getSelection();
        if ($isRangeSelection(selection)) $insertNodes([image]);
        else $getRoot().append($createParagraphNode().append(image));
      });
      setAlt("");
      setStatus({ kind: "info", text: t("upload.added") });
    } catch {
      setStatus({ kind: "error", text: t("upload.failed") });
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const pressed = (on: boolean) => (on ? "true" : "false");

  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t("toolbar.label")}>
      <div className="editor-toolbar__group">
        <button type="button" onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
          {t("toolbar.undo")}
        </button>
        <button type="button" onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
          {t("toolbar.redo")}
        </button>
      </div>
      <div className="editor-toolbar__group">
        <button type="button" aria-pressed={pressed(block === "paragraph")} onClick={() => setBlockType("paragraph")}>
          {t("toolbar.paragraph")}
        </button>
        <button type="button" aria-pressed={pressed(block === "h2")} onClick={() => setBlockType("h2")}>
          {t("toolbar.h2")}
        </button>
        <button type="button" aria-pressed={pressed(block === "h3")} onClick={() => setBlockType("h3")}>
          {t("toolbar.h3")}
        </button>
        <button type="button" aria-pressed={pressed(block === "quote")} onClick={() => setBlockType("quote")}>
          {t("toolbar.quote")}
        </button>
      </div>
      <div className="editor-toolbar__group">
        <button
          type="button"
          aria-pressed={pressed(formats.bold)}
          onClick={() => edit(() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, "bold"))}
        >
          <strong>{t("toolbar.bold")}</strong>
        </button>
        <button
          type="button"
          aria-pressed={pressed(formats.italic)}
          onClick={() => edit(() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, "italic"))}
        >
          <em>{t("toolbar.italic")}</em>
        </button>
        <button type="button" aria-pressed={pressed(block === "bullet")} onClick={() => toggleList("bullet")}>
          {t("toolbar.bullets")}
        </button>
        <button type="button" aria-pressed={pressed(block === "number")} onClick={() => toggleList("number")}>
          {t("toolbar.numbers")}
        </button>
      </div>
      <div className="editor-toolbar__group">
        <button
          type="button"
          aria-pressed={pressed(currentLink !== null)}
          aria-expanded={linkOpen}
          aria-controls={`${id}-linkform`}
          onClick={() => (linkOpen ? closeLink() : openLink())}
        >
          {t("toolbar.link")}
        </button>
        <button
          type="button"
          onClick={() =>
            edit(() => $insertBlockAfterCursor($createTableNodeWithDimensions(3, 3, { rows: true, columns: false })))
          }
        >
          {t("toolbar.table")}
        </button>
      </div>
      {uploadUrl ? (
        <div className="editor-toolbar__group">
          <label htmlFor={`${id}-alt`}>{t("upload.alt")}</label>
          <input
            id={`${id}-alt`}
            type="text"
            value={alt}
            maxLength={300}
            onChange={(e) => setAlt(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") e.preventDefault(); // not the page's form
            }}
          />
          <label htmlFor={`${id}-image`} className="rich-text-field__file">
            {t("upload.image")}
          </label>
          <input
            id={`${id}-image`}
            ref={fileInput}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void uploadImage(file);
            }}
          />
        </div>
      ) : null}
      <div className="rich-text-field__link" id={`${id}-linkform`} hidden={!linkOpen}>
        <label htmlFor={`${id}-link`}>{t("toolbar.link_url")}</label>
        <input
          id={`${id}-link`}
          ref={linkInput}
          type="url"
          inputMode="url"
          dir="ltr"
          placeholder="https://"
          value={linkUrl}
          onChange={(e) => setLinkUrl(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault(); // the field sits inside the page's form
              applyLink();
            } else if (e.key === "Escape") {
              e.preventDefault();
              closeLink();
            }
          }}
        />
        <button type="button" onClick={applyLink}>
          {t("toolbar.link_apply")}
        </button>
        {currentLink !== null ? (
          <button type="button" onClick={removeLink}>
            {t("toolbar.link_remove")}
          </button>
        ) : null}
        <button type="button" onClick={closeLink}>
          {t("toolbar.link_cancel")}
        </button>
      </div>
      <p className={status?.kind === "error" ? "editor-status editor-status--error" : "editor-status"} role="status">
        {status?.text ?? ""}
      </p>
    </div>
  );
}

/** Reports the state when the editor is mounted and after every change. */
function StatePlugin({ onChange, onReady }: Pick<RichTextEditorProps, "onChange" | "onReady">) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    onChange(JSON.stringify(editor.getEditorState().toJSON()));
    onReady(() => editor.focus());
    return editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return; // selection only
      onChange(JSON.stringify(editorState.toJSON()));
    });
    // Once per editor: the callbacks are the field's and do not change meaning.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);
  return null;
}

export default function RichTextEditor(props: RichTextEditorProps) {
  const root = useRouteLoaderData<{ csrf?: string }>("root");
  const [config] = useState<InitialConfigType>(() => ({
    namespace: "rich-text",
    nodes: RICH_TEXT_NODES,
    theme: THEME,
    editorState: (({ json, text }) => loadable(json, text))(props.initialState()),
    onError: (error: Error) => {
      throw error;
    },
  }));
  return (
    <LexicalComposer initialConfig={config}>
      <div className="editor rich-text-editor">
        <Toolbar uploadUrl={props.uploadUrl} csrf={props.csrf ?? root?.csrf ?? ""} />
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="editor-content rich-text-editor__content"
              aria-labelledby={props.labelledBy}
              aria-describedby={props.describedBy}
              aria-invalid={props.invalid ? true : undefined}
              aria-multiline
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={(url) => safeLink(url) !== null} />
        <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} hasTabHandler={false} />
        <StatePlugin onChange={props.onChange} onReady={props.onReady} />
      </div>
    </LexicalComposer>
  );
}
