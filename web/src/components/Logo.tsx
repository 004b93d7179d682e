/** The Kembang bloom: five petals around a golden heart. Decorative; the name is text beside it. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="currentColor" opacity="0.18" />
      <g fill="#5eead4">
        {[0, 72, 144, 216, 288].map((angle) => (
          <ellipse key={angle} cx="16" cy="9.5" rx="4" ry="6" transform={`rotate(${angle} 16 16)`} />
        ))}
      </g>
      <circle cx="16" cy="16" r="3.2" fill="#fbbf24" />
    </svg>
  );
}
