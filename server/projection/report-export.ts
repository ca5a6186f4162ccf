/**
 * The report as files a township office opens in Excel or WPS: XLSX with one sheet per table, and
 * CSV of one table (UTF-8 with a byte-order mark, or Excel shows the Chinese as mojibake). Both
 * written by exceljs.
 */
import ExcelJS from 'exceljs';
import type { Report } from './report-query.js';

export type ReportSection = 'units' | 'steps' | 'handlers';

interface Column {
  header: string;
  key: string;
  width: number;
  /** Excel number format. */
  numFmt?: string;
}

const SHEETS: Record<ReportSection, { name: string; columns: Column[] }> = {
  units: {
    name: '各村办件',
    columns: [
      { header: '乡镇', key: 'townshipName', width: 14 },
      { header: '村', key: 'villageName', width: 14 },
      { header: '流程', key: 'procedureTitle', width: 24 },
      { header: '新办件', key: 'opened', width: 10 },
      { header: '办结', key: 'closed', width: 10 },
      { header: '超期件', key: 'overdue', width: 10 },
      { header: '超期率', key: 'overdueRate', width: 10, numFmt: '0.0%' },
    ],
  },
  steps: {
    name: '各环节用时',
    columns: [
      { header: '流程', key: 'procedureTitle', width: 24 },
      { header: '环节', key: 'nodeName', width: 18 },
      { header: '办结数', key: 'done', width: 10 },
      { header: '用时中位数（小时）', key: 'medianHours', width: 18, numFmt: '0.0' },
      { header: '用时 P90（小时）', key: 'p90Hours', width: 16, numFmt: '0.0' },
      { header: '超期数', key: 'overdue', width: 10 },
    ],
  },
  handlers: {
    name: '经办人',
    columns: [
      { header: '经办人', key: 'userName', width: 16 },
      { header: '办结数', key: 'done', width: 10 },
      { header: '用时中位数（小时）', key: 'medianHours', width: 18, numFmt: '0.0' },
      { header: '用时 P90（小时）', key: 'p90Hours', width: 16, numFmt: '0.0' },
      { header: '超期数', key: 'overdue', width: 10 },
    ],
  },
};

function addSheet(wb: ExcelJS.Workbook, report: Report, section: ReportSection): ExcelJS.Worksheet {
  const spec = SHEETS[section];
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : undefined }));
  ws.getRow(1).font = { bold: true };
  for (const row of report[section] as unknown as Record<string, unknown>[]) ws.addRow(Object.fromEntries(spec.columns.map((c) => [c.key, row[c.key] ?? null])));
  return ws;
}

export async function reportXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '基层流程';
  wb.created = new Date();
  for (const section of ['units', 'steps', 'handlers'] as const) addSheet(wb, report, section);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function reportCsv(report: Report, section: ReportSection): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(wb, report, section);
  // CSV has no number formats: the overdue rate goes out as a percentage text.
  if (section === 'units') {
    ws.getColumn('overdueRate').eachCell({ includeEmpty: false }, (cell, row) => {
      if (row > 1 && typeof cell.value === 'number') cell.value = `${(cell.value * 100).toFixed(1)}%`;
    });
  }
  const csv = Buffer.from(await wb.csv.writeBuffer({ sheetName: ws.name }));
  return Buffer.concat([Buffer.from('\ufeff', 'utf8'), csv]);
}

/** File names: 统计报表_2026-11-01_2026-11-30.xlsx (RFC 5987 encoded in the header). */
export function reportFileName(report: Report, ext: 'xlsx' | 'csv', section?: ReportSection): string {
  const part = section ? `_${SHEETS[section].name}` : '';
  return `统计报表${part}_${report.from}_${report.to}.${ext}`;
}
