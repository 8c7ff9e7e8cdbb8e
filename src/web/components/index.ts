export { Alert, type AlertKind, Tag } from './alert.tsx';
export { renderPage } from './document.ts';
export {
  Button,
  ChoiceGroup,
  ErrorSummary,
  FileField,
  FilterBar,
  Form,
  HiddenField,
  type Option,
  SelectField,
  TextArea,
  TextField,
} from './form.tsx';
export { Layout, type LayoutProps } from './layout.tsx';
export { type Column, Pagination, Table } from './table.tsx';
