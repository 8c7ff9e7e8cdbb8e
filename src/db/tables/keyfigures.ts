import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** One variable's numerator and denominator for an estate and year (R18). */
export type StoredRatios = Record<string, { numerator: number; denominator: number }>;

/** A row of an uploaded statistics file, as parsed for the preview. */
export interface ImportRow {
  line: number;
  estateId: number;
  estateLabel: string;
  residents: number;
  ratios: StoredRatios;
}

export interface ImportRowError {
  line: number;
  message: string;
}

export interface KeyfigureImportTable {
  id: Generated<number>;
  year: number;
  file_name: string;
  file_kind: 'csv' | 'xlsx';
  status: Generated<'preview' | 'imported' | 'replaced' | 'discarded'>;
  uploaded_by_user_id: number | null;
  uploaded_by_label: string;
  imported_at: Date | null;
  row_count: Generated<number>;
  error_count: Generated<number>;
  rows: ColumnType<ImportRow[], string, string>;
  errors: ColumnType<ImportRowError[], string, string>;
  region_income_ore: number | null;
  national_conviction_rate: string | null;
  /** The whole municipality's figures (all residents, not only public housing), the comparison base. */
  municipality_figures: ColumnType<{ residents: number; ratios: StoredRatios } | null, string | null, string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface KeyfigureEstateYearTable {
  id: Generated<number>;
  estate_id: number;
  year: number;
  import_id: number;
  residents: number;
  ratios: ColumnType<StoredRatios, string, string>;
  created_at: Generated<Date>;
}

export interface KeyfigureSettingTable {
  id: number;
  designation_rule: JSONColumnType<{
    id: string;
    name: string;
    indicators: string[];
    minDeviating: number;
    deviation: { kind: 'relative'; percent: string } | { kind: 'points'; points: string };
  }>;
  suppression_threshold: number | null;
  /** R20 — the origin definition of the national criteria: the law's (`law`) or left out after C-417/23 (`omit`). */
  origin_definition: Generated<'law' | 'omit'>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** The published 2010–2017 Copenhagen list values, verbatim (R20). */
export interface ListReferenceTable {
  id: Generated<number>;
  list_year: number;
  area: string;
  municipality: string;
  on_list: string;
  new_on_list: string;
  residents: string;
  outside_work_or_education: string;
  non_western_origin: string;
  convicted: string;
  basic_education_only: string;
  gross_income_vs_region: string;
  quality_flags: string;
  source_line: number;
}

/** The published status of Copenhagen's areas on the lists 2018–2023, verbatim with each row's source (R20). */
export interface ListStatusTable {
  id: Generated<number>;
  list_year: number;
  area: string;
  list: string;
  /** `on`, `off`, `on (inferred)`, `off (inferred)`. */
  status: string;
  evidence: string;
  source_url: string;
  source_line: number;
}

/** R20 — a national list area: physically connected estates (the law's unit). */
export interface ListAreaTable {
  id: Generated<number>;
  name: string;
  municipality: Generated<string>;
  source_url: string | null;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ListAreaEstateTable {
  list_area_id: number;
  estate_id: number;
}

export interface KeyfigureTables {
  keyfigure_import: KeyfigureImportTable;
  keyfigure_estate_year: KeyfigureEstateYearTable;
  keyfigure_setting: KeyfigureSettingTable;
  list_reference: ListReferenceTable;
  list_status: ListStatusTable;
  list_area: ListAreaTable;
  list_area_estate: ListAreaEstateTable;
}
