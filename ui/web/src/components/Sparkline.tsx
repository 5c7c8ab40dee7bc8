/** A small line of recent values, such as records per second. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const width = 80;
  const height = 20;
  const max = Math.max(1, ...values);
  const points = values.map((v, i) => `${(i / Math.max(1, values.length - 1)) * width},${height - (v / max) * height}`).join(" ");
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="sparkline">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
