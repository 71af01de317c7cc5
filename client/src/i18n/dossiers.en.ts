// English strings of the dossier tab; the keys are those of dossiers.nl.ts.
import type { dossiersNl } from './dossiers.nl.ts';

export const dossiersEn: Record<keyof typeof dossiersNl, string> = {
  'case.tab.dossier': 'Dossier',
  'dossier.title': 'Dossier for the public prosecutor',
  'dossier.hint':
    'A dossier holds counts per category, listings with hashes and provenance and the chain of custody, never images. It is made from the state of the case and reproducible byte for byte.',
  'dossier.generate': 'Generate dossier',
  'dossier.generating': 'Generating…',
  'dossier.readOnly': "Only the case's leads and analysts generate a dossier; you can download dossiers.",
  'dossier.empty': 'No dossiers for this case yet.',
  'dossier.col.created': 'Created',
  'dossier.col.by': 'By',
  'dossier.col.status': 'Status',
  'dossier.col.asOf': 'As of',
  'dossier.col.counts': 'Counts',
  'dossier.col.manifest': 'Manifest (SHA-256)',
  'dossier.col.download': 'Download',
  'dossier.status.queued': 'Queued',
  'dossier.status.running': 'Running',
  'dossier.status.done': 'Done',
  'dossier.status.failed': 'Failed',
  'dossier.step': 'Step {step} of {steps}: {name}',
  'dossier.counts': '{files} files · {uncategorised} uncategorised · {errors} not processable',
  'dossier.download': 'Download zip',
  'dossier.key': 'Dossier key of {unit} (SHA-256 of the public key): {fingerprint}',
  'dossier.verify.title': 'Check a dossier',
  'dossier.verify.hint':
    "Choose a downloaded dossier zip: every file is checked against the manifest, and the signature against the unit's key.",
  'dossier.verify.choose': 'Choose dossier zip',
  'dossier.verify.busy': 'Checking…',
  'dossier.verify.ok': 'Intact: {files} files match the manifest, signed by unit {unit}.',
  'dossier.verify.bad': 'Not intact: {problem}',
};
