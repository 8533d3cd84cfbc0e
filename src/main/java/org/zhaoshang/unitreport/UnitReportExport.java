package org.zhaoshang.unitreport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;
import org.zhaoshang.system.PdfFonts;
import org.zhaoshang.system.Times;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * A report as Excel and PDF, in the layout of the attachments policy 002 names: the monthly report as 附件1
 * 《重点招商项目情况表》 (the ledger's rows, 单位：万元), 附件2 《重点招商信息跟踪反馈单》 and 附件3 《重点招商项目服务清单》 (one
 * entry per line); the others as their sections. Every sheet and the PDF end with the head's approval: name and time.
 */
@Component
class UnitReportExport {

    static final List<String> LEDGER_HEADER = List.of("序号", "项目编号", "项目名称", "投资方", "产业", "总投资（万元）", "外资（万美元）",
            "当前阶段", "本期进展");
    static final String SITUATION = "重点招商项目情况表";
    static final String TRACKING = "重点招商信息跟踪反馈单";
    static final String SERVICES = "重点招商项目服务清单";

    private final Times times;
    private final PdfFonts pdfFonts;

    UnitReportExport(Times times, PdfFonts pdfFonts) {
        this.times = times;
        this.pdfFonts = pdfFonts;
    }

    /** "单位主要负责人审定：刘洋 2026-10-07 10:30", or that it is not approved yet. */
    String approval(ReportView view) {
        return view.report().approvedAt() == null ? "单位主要负责人审定：尚未审定（" + view.statusLabel() + "）"
                : "单位主要负责人审定：%s %s".formatted(view.approvedByName(), times.format(view.report().approvedAt(), "yyyy-MM-dd HH:mm"));
    }

    /** "起草：周晓宇　签收：黄涛 2026-11-04 10:00". */
    private String draftedAndReceived(ReportView view) {
        return "起草：%s　签收：%s".formatted(orDash(view.draftedByName()), view.report().receivedAt() == null ? "—"
                : view.receivedByName() + " " + times.format(view.report().receivedAt(), "yyyy-MM-dd HH:mm"));
    }

    String subtitle(ReportView view) {
        return "填报单位：%s　报送期间：%s　报送截止：%s".formatted(view.unitName(), view.report().title(), view.report().dueDate());
    }

    byte[] xlsx(ReportView view) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "zhaoshang-platform", "1.0");
        if (view.report().kind() == ReportKind.MONTHLY) {
            Worksheet ledger = workbook.newWorksheet(SITUATION);
            int r = heading(ledger, SITUATION, view, "单位：万元");
            for (int c = 0; c < LEDGER_HEADER.size(); c++) {
                ledger.value(r, c, LEDGER_HEADER.get(c));
                ledger.style(r, c).bold().set();
            }
            r++;
            int n = 1;
            for (ReportContent.LedgerRow row : view.ledger()) {
                ledger.value(r, 0, n++);
                ledger.value(r, 1, row.code());
                ledger.value(r, 2, row.name());
                ledger.value(r, 3, row.investor());
                ledger.value(r, 4, row.industry());
                ledger.value(r, 5, row.totalInvestment());
                ledger.value(r, 6, row.foreignCapital());
                ledger.value(r, 7, row.stage());
                ledger.value(r, 8, row.progress());
                r++;
            }
            r = text(ledger, r + 1, view.sections().get(0));
            footer(ledger, r + 1, view);
            lines(workbook, TRACKING, view, view.sections().get(1), "跟踪反馈内容");
            lines(workbook, SERVICES, view, view.sections().get(2), "服务事项");
        } else {
            Worksheet sheet = workbook.newWorksheet(view.report().kind().label().length() > 31 ? "报送材料" : view.report().kind().label());
            int r = heading(sheet, view.report().kind().label(), view, null);
            for (ReportView.Section section : view.sections()) {
                r = text(sheet, r, section) + 1;
            }
            footer(sheet, r, view);
        }
        workbook.finish();
        return out.toByteArray();
    }

    private int heading(Worksheet sheet, String title, ReportView view, String unitNote) {
        sheet.value(0, 0, title);
        sheet.style(0, 0).bold().fontSize(14).set();
        sheet.value(1, 0, subtitle(view) + (unitNote == null ? "" : "　" + unitNote));
        return 3;
    }

    private int text(Worksheet sheet, int r, ReportView.Section section) {
        sheet.value(r, 0, section.label());
        sheet.style(r, 0).bold().set();
        sheet.value(r + 1, 0, section.text());
        sheet.style(r + 1, 0).wrapText(true).set();
        return r + 2;
    }

    private void lines(Workbook workbook, String title, ReportView view, ReportView.Section section, String column) {
        Worksheet sheet = workbook.newWorksheet(title);
        int r = heading(sheet, title, view, null);
        sheet.value(r, 0, "序号");
        sheet.value(r, 1, column);
        sheet.style(r, 0).bold().set();
        sheet.style(r, 1).bold().set();
        r++;
        int n = 1;
        for (String line : section.lines()) {
            sheet.value(r, 0, n++);
            sheet.value(r, 1, line);
            r++;
        }
        footer(sheet, r + 1, view);
    }

    private void footer(Worksheet sheet, int r, ReportView view) {
        sheet.value(r, 0, approval(view));
        sheet.value(r + 1, 0, draftedAndReceived(view));
    }

    byte[] pdf(ReportView view) throws DocumentException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(view.report().kind() == ReportKind.MONTHLY ? PageSize.A4.rotate() : PageSize.A4, 36, 36, 42, 36);
        PdfWriter.getInstance(document, out);
        document.addTitle(view.title());
        document.open();
        Fonts fonts = new Fonts(pdfFonts);
        if (view.report().kind() == ReportKind.MONTHLY) {
            title(document, fonts, "附件1  " + SITUATION, view, "单位：万元");
            PdfPTable table = new PdfPTable(new float[] {1, 2.6f, 4, 3.4f, 2.2f, 2, 2, 2, 5});
            table.setWidthPercentage(100);
            for (String h : LEDGER_HEADER) {
                PdfPCell cell = new PdfPCell(fonts.head(h));
                cell.setGrayFill(0.9f);
                table.addCell(cell);
            }
            int n = 1;
            for (ReportContent.LedgerRow row : view.ledger()) {
                for (String value : new String[] {Integer.toString(n++), row.code(), row.name(), row.investor(), row.industry(),
                        plain(row.totalInvestment()), plain(row.foreignCapital()), row.stage(), row.progress()}) {
                    table.addCell(fonts.text(value));
                }
            }
            if (view.ledger().isEmpty()) {
                PdfPCell none = new PdfPCell(fonts.text("本期无在推进的重点招商项目"));
                none.setColspan(LEDGER_HEADER.size());
                table.addCell(none);
            }
            document.add(table);
            section(document, fonts, view.sections().get(0));
            footer(document, fonts, view);
            document.newPage();
            lines(document, fonts, "附件2  " + TRACKING, view, view.sections().get(1), "跟踪反馈内容");
            document.newPage();
            lines(document, fonts, "附件3  " + SERVICES, view, view.sections().get(2), "服务事项");
        } else {
            title(document, fonts, view.report().kind().label(), view, null);
            for (ReportView.Section section : view.sections()) {
                section(document, fonts, section);
            }
            footer(document, fonts, view);
        }
        document.close();
        return out.toByteArray();
    }

    /** The document's sizes and weights over {@link PdfFonts} (a character no font has is shown as □, never failing the PDF). */
    private record Fonts(PdfFonts pdf) {

        Phrase title(String value) {
            return pdf.phrase(value, 16, Font.BOLD);
        }

        Phrase text(String value) {
            return pdf.phrase(value, 10, Font.NORMAL);
        }

        Phrase head(String value) {
            return pdf.phrase(value, 10, Font.BOLD);
        }
    }

    private void title(Document document, Fonts fonts, String title, ReportView view, String unitNote) throws DocumentException {
        Paragraph heading = new Paragraph(fonts.title(title));
        heading.setAlignment(Element.ALIGN_CENTER);
        heading.setSpacingAfter(8);
        document.add(heading);
        Paragraph sub = new Paragraph(fonts.text(subtitle(view) + (unitNote == null ? "" : "　" + unitNote)));
        sub.setSpacingAfter(8);
        document.add(sub);
    }

    private void section(Document document, Fonts fonts, ReportView.Section section) throws DocumentException {
        Paragraph label = new Paragraph(fonts.head(section.label()));
        label.setSpacingBefore(8);
        document.add(label);
        document.add(new Paragraph(fonts.text(section.text())));
    }

    private void lines(Document document, Fonts fonts, String title, ReportView view, ReportView.Section section, String column)
            throws DocumentException {
        title(document, fonts, title, view, null);
        PdfPTable table = new PdfPTable(new float[] {1, 12});
        table.setWidthPercentage(100);
        for (String h : new String[] {"序号", column}) {
            PdfPCell cell = new PdfPCell(fonts.head(h));
            cell.setGrayFill(0.9f);
            table.addCell(cell);
        }
        int n = 1;
        for (String line : section.lines()) {
            table.addCell(fonts.text(Integer.toString(n++)));
            table.addCell(fonts.text(line));
        }
        document.add(table);
        footer(document, fonts, view);
    }

    private void footer(Document document, Fonts fonts, ReportView view) throws DocumentException {
        Paragraph approval = new Paragraph(fonts.head(approval(view)));
        approval.setSpacingBefore(12);
        document.add(approval);
        document.add(new Paragraph(fonts.text(draftedAndReceived(view))));
    }

    private static String plain(java.math.BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static String orDash(String value) {
        return value == null ? "—" : value;
    }
}
