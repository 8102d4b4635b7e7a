/**
 * Prints JSON the way Prettier prints a `.json` file (2 spaces, objects expanded, short arrays
 * on one line, long number arrays filled, trailing newline), so a document written by the
 * flags CLI passes `prettier --check` and its diff shows only what changed.
 *
 * @example
 * writeFileSync(path, formatJsonDocument(json));
 */
export function formatJsonDocument(value: unknown, printWidth = 100): string {
  return `${print(value, '', 0, 0, printWidth)}\n`;
}

/**
 * @param indent the indentation of the line the value starts on
 * @param used columns already taken on that line before the value
 * @param after characters that follow the value on its last line (a comma)
 */
function print(value: unknown, indent: string, used: number, after: number, width: number): string {
  if (Array.isArray(value)) return printArray(value, indent, used, after, width);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    const lines = entries.map(([key, item], index) => {
      const last = index === entries.length - 1;
      const head = `${inner}${JSON.stringify(key)}: `;
      return `${head}${print(item, inner, head.length, last ? 0 : 1, width)}${last ? '' : ','}`;
    });
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function printArray(
  items: readonly unknown[],
  indent: string,
  used: number,
  after: number,
  width: number,
): string {
  if (items.length === 0) return '[]';
  const inner = `${indent}  `;
  const scalar = items.every((item) => typeof item !== 'object' || item === null);
  if (scalar) {
    const printed = items.map((item) => JSON.stringify(item) ?? 'null');
    const flat = `[${printed.join(', ')}]`;
    if (used + flat.length + after <= width) return flat;
    if (items.length > 1 && items.every((item) => typeof item === 'number')) {
      // Prettier fills number arrays: as many per line as fit.
      const lines: string[] = [];
      let line = '';
      printed.forEach((item, index) => {
        const text = index === printed.length - 1 ? item : `${item},`;
        if (line && inner.length + line.length + 1 + text.length > width) {
          lines.push(line);
          line = text;
        } else {
          line = line ? `${line} ${text}` : text;
        }
      });
      lines.push(line);
      return `[\n${lines.map((text) => `${inner}${text}`).join('\n')}\n${indent}]`;
    }
  }
  const lines = items.map((item, index) => {
    const last = index === items.length - 1;
    return `${inner}${print(item, inner, inner.length, last ? 0 : 1, width)}${last ? '' : ','}`;
  });
  return `[\n${lines.join('\n')}\n${indent}]`;
}
