/** A title for an article that names none: its file name, as a person would read it. */
export function titleFromFileName(fileName: string | undefined): string {
  return (fileName ?? '')
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]+$/, '')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A file as main's messages name it: “name.md” when it has a name (`named` selects). */
export interface FileValues {
  [key: string]: string;
  named: 'yes' | 'no';
  file: string;
}

export function fileValues(fileName: string | undefined): FileValues {
  return fileName ? { named: 'yes', file: fileName } : { named: 'no', file: '' };
}
