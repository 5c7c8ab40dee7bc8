/** A CodeMirror 6 YAML editor whose text the parent owns: outside changes replace the text, edits are reported. */
import { useEffect, useRef } from "react";
import { basicSetup } from "codemirror";
import { yaml } from "@codemirror/lang-yaml";
import { Annotation, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";

const FromOutside = Annotation.define<boolean>();

export function YamlEditor({ value, onChange, label, readOnly = false }: { value: string; onChange?: (text: string) => void; label: string; readOnly?: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const report = useRef(onChange);
  report.current = onChange;

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(FromOutside))) {
              report.current?.(update.state.doc.toString());
            }
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is made once; later values arrive through the effect below.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value }, annotations: FromOutside.of(true) });
    }
  }, [value]);

  return <div className="yaml-editor" ref={host} />;
}
