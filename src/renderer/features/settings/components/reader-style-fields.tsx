import { useId } from 'react';
import { useReaderStyle, type ReaderStyle } from '../hooks/use-reader-style';
import './settings.css';

const THEMES: [ReaderStyle['theme'], string][] = [
  ['system', 'Match the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
  ['sepia', 'Sepia'],
];
const FONTS: [ReaderStyle['font'], string][] = [
  ['serif', 'Serif'],
  ['sans', 'Sans serif'],
];
const SIZES: [string, string][] = [
  ['1', 'Smallest'],
  ['2', 'Small'],
  ['3', 'Medium'],
  ['4', 'Large'],
  ['5', 'Largest'],
];
const WIDTHS: [ReaderStyle['width'], string][] = [
  ['narrow', 'Narrow'],
  ['medium', 'Medium'],
  ['wide', 'Wide'],
];
const LINE_HEIGHTS: [ReaderStyle['lineHeight'], string][] = [
  ['compact', 'Compact'],
  ['normal', 'Normal'],
  ['relaxed', 'Relaxed'],
];

/** Theme, font, size, width and spacing: in Settings and behind the reader's "Aa" button. */
export function ReaderStyleFields() {
  const id = useId();
  const [style, save] = useReaderStyle();
  const field = (
    label: string,
    value: string,
    options: [string, string][],
    key: keyof ReaderStyle,
  ) => (
    <div>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select
        id={`${id}-${key}`}
        value={value}
        onChange={(e) =>
          save({
            [key]: key === 'size' ? Number(e.target.value) : e.target.value,
          } as Partial<ReaderStyle>)
        }
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="settings-grid">
      {field('Theme', style.theme, THEMES, 'theme')}
      {field('Font', style.font, FONTS, 'font')}
      {field('Text size', String(style.size), SIZES, 'size')}
      {field('Line width', style.width, WIDTHS, 'width')}
      {field('Line spacing', style.lineHeight, LINE_HEIGHTS, 'lineHeight')}
    </div>
  );
}
