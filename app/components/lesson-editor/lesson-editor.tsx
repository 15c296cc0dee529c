import { $toggleLink } from "@lexical/link";
import { useSelectionMemory } from "~/components/lexical-selection-memory.ts";
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from "@lexical/list";
import { LexicalComposer, type InitialConfigType } from "@lexical/react/LexicalComposer";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HistoryPlugin } from "@lexical/react/LexicalHistoryPlugin";
import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { OnChangePlugin } from "@lexical/react/LexicalOnChangePlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { TablePlugin } from "@lexical/react/LexicalTablePlugin";
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { $createTableNodeWithDimensions } from "@lexical/table";
import { $insertNodeToNearestRoot } from "@lexical/utils";
import {
  $createParagraphNode,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  $setSelection,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type BaseSelection,
  type LexicalNode,
  type SerializedEditorState,
} from "lexical";
import { useEffect, useId, useRef, useState, type MutableRefObject } from "react";
import { useTranslation } from "react-i18next";
import {
  $createExerciseNode,
  $createImageNode,
  $isExerciseNode,
  ExerciseNode,
  ImageNode,
  LESSON_NODES,
} from "~/domain/courses/lexical-markdown.ts";
import type { BlockType } from "~/domain/courses/schema.ts";

/**
 * The lesson editor (Lexical). Loaded only on the authoring page, as its own chunk. What it edits is
 * exactly what the Markdown converter supports: headings, paragraphs with bold/italic/links, lists,
 * quotes, tables, images and the exercise blocks (each edited as its YAML in a small form).
 */

export interface LessonEditorProps {
  courseId: string;
  csrf: string;
  initialState: SerializedEditorState;
  /** Called with the serialised state after every change. */
  onChange: (json: string) => void;
  labelledBy: string;
}

const THEME = {
  paragraph: "ed-p",
  quote: "ed-quote",
  heading: { h1: "ed-h1", h2: "ed-h2", h3: "ed-h3", h4: "ed-h4" },
  list: { ul: "ed-ul", ol: "ed-ol", listitem: "ed-li" },
  link: "ed-link",
  table: "ed-table",
  tableCell: "ed-cell",
  tableCellHeader: "ed-cell ed-cell--header",
};

const TEMPLATES: Record<BlockType, string> = {
  "knowledge-check": [
    "id: new-knowledge-check",
    'question: ""',
    "options:",
    '  - text: ""',
    "    correct: true",
    '    feedback: ""',
    '  - text: ""',
    '    feedback: ""',
  ].join("\n"),
  scenario: [
    "id: new-scenario",
    "start: s1",
    "steps:",
    "  - id: s1",
    '    text: ""',
    "    choices:",
    '      - text: ""',
    "        next: end-good",
    '        feedback: ""',
    "  - id: end-good",
    '    text: ""',
    "    ending: good",
  ].join("\n"),
  categorise: [
    "id: new-categorise",
    'prompt: ""',
    "categories:",
    "  - id: first",
    '    label: ""',
    "  - id: second",
    '    label: ""',
    "items:",
    '  - text: ""',
    "    category: first",
    '  - text: ""',
    "    category: second",
  ].join("\n"),
  reveal: ["id: new-reveal", "cards:", '  - front: ""', '    back: ""'].join("\n"),
  // A module quiz's questions and settings live in the course's question bank and assessments.yaml.
  quiz: "id: new-quiz",
};

/** The exercise types, without importing their Zod schemas into this chunk. */
const BLOCK_TYPES = Object.keys(TEMPLATES) as BlockType[];

const SAFE_LINK = /^(https?:\/\/|mailto:|\.\.?\/|#)/i;

function $restore(last: MutableRefObject<BaseSelection | null>) {
  if (!$getSelection() && last.current) $setSelection(last.current.clone());
}

/** Put a block-level node where the cursor is, or at the end when there is no cursor. */
function $insertBlock(node: LexicalNode) {
  if ($getSelection()) $insertNodeToNearestRoot(node);
  else $getRoot().append(node);
}

function Toolbar({ courseId, csrf }: { courseId: string; csrf: string }) {
  const { t } = useTranslation("author");
  const [editor] = useLexicalComposerContext();
  const last = useSelectionMemory(editor);
  const id = useId();
  const [block, setBlock] = useState("paragraph");
  const [formats, setFormats] = useState({ bold: false, italic: false });
  const [linkUrl, setLinkUrl] = useState("");
  const [rows, setRows] = useState(3);
  const [columns, setColumns] = useState(2);
  const [alt, setAlt] = useState("");
  const [exerciseType, setExerciseType] = useState<BlockType>("knowledge-check");
  const [status, setStatus] = useState<{ kind: "info" | "error"; text: string } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return;
          setFormats({ bold: selection.hasFormat("bold"), italic: selection.hasFormat("italic") });
          const anchor = selection.anchor.getNode();
          const top = anchor.getKey() === "root" ? null : anchor.getTopLevelElement();
          setBlock($isHeadingNode(top) ? top.getTag() : $isQuoteNode(top) ? "quote" : "paragraph");
        });
      }),
    [editor]
  );

  const edit = (fn: () => void) =>
    editor.update(() => {
      $restore(last);
      fn();
    });

  const setBlockType = (value: string) =>
    edit(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      $setBlocksType(selection, () =>
        value === "h2" || value === "h3"
          ? $createHeadingNode(value)
          : value === "quote"
          ? $createQuoteNode()
          : $createParagraphNode()
      );
    });

  const applyLink = (url: string | null) => {
    if (url !== null && !SAFE_LINK.test(url.trim())) {
      setStatus({ kind: "error", text: t("toolbar.link_invalid") });
      return;
    }
    setStatus(null);
    edit(() => $toggleLink(url === null ? null : url.trim()));
  };

  const uploadImage = async () => {
    const file = fileRef.current?.files?.[0];
    if (!file) return setStatus({ kind: "error", text: t("toolbar.image_needs_file") });
    if (!alt.trim()) return setStatus({ kind: "error", text: t("toolbar.image_needs_alt") });
    setStatus({ kind: "info", text: t("toolbar.image_uploading") });
    const body = new FormData();
    body.set("csrf", csrf);
    body.set("image", file);
    try {
      const response = await fetch(`/author/${courseId}/images`, { method: "POST", body });
      const result = (await response.json()) as { src?: string; error?: string };
      if (!response.ok || !result.src) {
        const known = ["too_large", "not_an_image", "empty"].includes(result.error ?? "");
        return setStatus({
          kind: "error",
          text: known ? t(`upload_errors.${result.error}`) : t("toolbar.image_failed"),
        });
      }
      const src = result.src;
      edit(() => {
        const image = $createImageNode(src, alt.trim().replace(/[[\]]/g, ""));
        if ($getSelection()) $insertNodes([image]);
        else $getRoot().append($createParagraphNode().append(image));
      });
      setAlt("");
      if (fileRef.current) fileRef.current.value = "";
      setStatus(null);
    } catch {
      setStatus({ kind: "error", text: t("toolbar.image_failed") });
    }
  };

  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t("toolbar.label")}>
      <div className="editor-toolbar__group">
        <button type="button" onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
          {t("toolbar.undo")}
        </button>
        <button type="button" onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
          {t("toolbar.redo")}
        </button>
        <label htmlFor={`${id}-block`} className="visually-hidden">
          {t("toolbar.block")}
        </label>
        <select id={`${id}-block`} value={block} onChange={(e) => setBlockType(e.target.value)}>
          <option value="paragraph">{t("toolbar.paragraph")}</option>
          <option value="h2">{t("toolbar.h2")}</option>
          <option value="h3">{t("toolbar.h3")}</option>
          <option value="quote">{t("toolbar.quote")}</option>
        </select>
        <button
          type="button"
          aria-pressed={formats.bold}
          onClick={() => edit(() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, "bold"))}
        >
          <strong>{t("toolbar.bold")}</strong>
        </button>
        <button
          type="button"
          aria-pressed={formats.italic}
          onClick={() => edit(() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, "italic"))}
        >
          <em>{t("toolbar.italic")}</em>
        </button>
        <button
          type="button"
          onClick={() => edit(() => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined))}
        >
          {t("toolbar.bullets")}
        </button>
        <button
          type="button"
          onClick={() => edit(() => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined))}
        >
          {t("toolbar.numbers")}
        </button>
      </div>

      <div className="editor-toolbar__group">
        <label htmlFor={`${id}-link`}>{t("toolbar.link_url")}</label>
        <input
          id={`${id}-link`}
          type="text"
          inputMode="url"
          dir="ltr"
          value={linkUrl}
          onChange={(e) => setLinkUrl(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              applyLink(linkUrl);
            }
          }}
        />
        <button type="button" onClick={() => applyLink(linkUrl)}>
          {t("toolbar.link_apply")}
        </button>
        <button type="button" onClick={() => applyLink(null)}>
          {t("toolbar.link_remove")}
        </button>
      </div>

      <div className="editor-toolbar__group">
        <label htmlFor={`${id}-rows`}>{t("toolbar.table_rows")}</label>
        <input
          id={`${id}-rows`}
          type="number"
          min={2}
          max={20}
          value={rows}
          onChange={(e) => setRows(Math.max(2, Math.min(20, Number(e.target.value) || 2)))}
        />
        <label htmlFor={`${id}-columns`}>{t("toolbar.table_columns")}</label>
        <input
          id={`${id}-columns`}
          type="number"
          min={1}
          max={8}
          value={columns}
          onChange={(e) => setColumns(Math.max(1, Math.min(8, Number(e.target.value) || 1)))}
        />
        <button
          type="button"
          onClick={() =>
            edit(() => $insertBlock($createTableNodeWithDimensions(rows, columns, { rows: true, columns: false })))
          }
        >
          {t("toolbar.table_insert")}
        </button>
      </div>

      <div className="editor-toolbar__group">
        <label htmlFor={`${id}-image`}>{t("toolbar.image_file")}</label>
        <input id={`${id}-image`} ref={fileRef} type="file" accept="image/png,image/jpeg,image/webp" />
        <label htmlFor={`${id}-alt`}>{t("toolbar.image_alt")}</label>
        <input
          id={`${id}-alt`}
          type="text"
          value={alt}
          maxLength={300}
          onChange={(e) => setAlt(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void uploadImage();
            }
          }}
        />
        <button type="button" onClick={() => void uploadImage()}>
          {t("toolbar.image_insert")}
        </button>
      </div>

      <div className="editor-toolbar__group">
        <label htmlFor={`${id}-exercise`}>{t("toolbar.exercise_type")}</label>
        <select
          id={`${id}-exercise`}
          value={exerciseType}
          onChange={(e) => setExerciseType(e.target.value as BlockType)}
        >
          {BLOCK_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`exercise.types.${type}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => edit(() => $insertBlock($createExerciseNode(exerciseType, TEMPLATES[exerciseType])))}
        >
          {t("toolbar.exercise_insert")}
        </button>
      </div>

      <p className={status?.kind === "error" ? "editor-status editor-status--error" : "editor-status"} role="status">
        {status?.text ?? ""}
      </p>
    </div>
  );
}

/** The small form an exercise block is edited with: its YAML, and moving or removing it. */
function ExerciseEditor({ nodeKey, blockType, yaml }: { nodeKey: string; blockType: string; yaml: string }) {
  const { t } = useTranslation("author");
  const [editor] = useLexicalComposerContext();
  const [value, setValue] = useState(yaml);
  const id = `exercise-${nodeKey}`;
  const withNode = (fn: (node: ExerciseNode) => void) =>
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if ($isExerciseNode(node)) fn(node);
    });
  const move = (direction: -1 | 1) =>
    withNode((node) => {
      const sibling = direction < 0 ? node.getPreviousSibling() : node.getNextSibling();
      if (!sibling) return;
      if (direction < 0) sibling.insertBefore(node);
      else sibling.insertAfter(node);
    });
  const known = (BLOCK_TYPES as string[]).includes(blockType);
  return (
    <fieldset className="exercise-editor">
      <legend>{t("exercise.legend", { type: known ? t(`exercise.types.${blockType}`) : blockType })}</legend>
      <label htmlFor={id}>{t("exercise.yaml")}</label>
      <textarea
        id={id}
        value={value}
        dir="auto"
        spellCheck
        rows={Math.min(24, value.split("\n").length + 1)}
        onChange={(e) => {
          const next = e.target.value;
          setValue(next);
          withNode((node) => node.setYaml(next));
        }}
      />
      <div className="exercise-editor__actions">
        <button type="button" onClick={() => move(-1)}>
          {t("exercise.move_up")}
        </button>
        <button type="button" onClick={() => move(1)}>
          {t("exercise.move_down")}
        </button>
        <button type="button" className="button--danger" onClick={() => withNode((node) => node.remove())}>
          {t("exercise.remove")}
        </button>
      </div>
    </fieldset>
  );
}

ExerciseNode.renderer = (node) => (
  <ExerciseEditor nodeKey={node.getKey()} blockType={node.getBlockType()} yaml={node.getYaml()} />
);

export default function LessonEditor({ courseId, csrf, initialState, onChange, labelledBy }: LessonEditorProps) {
  ImageNode.resolveSrc = (src) =>
    src.startsWith("../images/") ? `/courses/${courseId}/images/${src.slice("../images/".length)}` : src;
  const [config] = useState<InitialConfigType>(() => ({
    namespace: "lesson",
    nodes: LESSON_NODES,
    theme: THEME,
    editorState: JSON.stringify(initialState),
    onError: (error: Error) => {
      throw error;
    },
  }));
  return (
    <LexicalComposer initialConfig={config}>
      <div className="editor">
        <Toolbar courseId={courseId} csrf={csrf} />
        <RichTextPlugin
          contentEditable={<ContentEditable className="editor-content prose" aria-labelledby={labelledBy} />}
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={(url) => SAFE_LINK.test(url)} />
        <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} />
        <OnChangePlugin ignoreSelectionChange onChange={(state) => onChange(JSON.stringify(state.toJSON()))} />
      </div>
    </LexicalComposer>
  );
}
