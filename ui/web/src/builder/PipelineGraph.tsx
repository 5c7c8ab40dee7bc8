/** The pipeline as a left-to-right graph (React Flow); a click on a node selects it, where selecting means something. */
import { useMemo } from "react";
import { ReactFlow, Background, Position, type Edge, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { Component } from "./model";

export function PipelineGraph({ components, selected, problemCounts, onSelect }: {
  components: Component[];
  selected: string | null;
  problemCounts: Map<string, number>;
  onSelect?: (id: string) => void;
}) {
  const nodes: Node[] = useMemo(
    () =>
      components.map((c, i) => {
        const problems = problemCounts.get(c.id) ?? 0;
        return {
          id: c.id,
          position: { x: i * 190, y: 0 },
          data: { label: `${c.kind === "processor" ? `${c.index + 1}. ` : `${c.kind}: `}${c.type}${problems ? ` ⚠ ${problems}` : ""}` },
          type: c.kind === "input" ? "input" : c.kind === "output" ? "output" : "default",
          sourcePosition: Position.Right,
          targetPosition: Position.Left,
          selected: c.id === selected,
          className: problems ? "node-invalid" : undefined,
          ariaLabel: `${c.kind} ${c.type}${problems ? `, ${problems} problems` : ""}`,
        };
      }),
    [components, selected, problemCounts],
  );
  const edges: Edge[] = useMemo(
    () => components.slice(1).map((c, i) => ({ id: `${components[i].id}-${c.id}`, source: components[i].id, target: c.id })),
    [components],
  );
  return (
    <div className="graph">
      <ReactFlow
        key={components.length}
        nodes={nodes}
        edges={edges}
        onNodeClick={(_, node) => onSelect?.(node.id)}
        nodesDraggable={false}
        nodesConnectable={false}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
      >
        <Background />
      </ReactFlow>
    </div>
  );
}
