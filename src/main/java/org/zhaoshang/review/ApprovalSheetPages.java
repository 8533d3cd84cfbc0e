package org.zhaoshang.review;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.PdfFonts;
import org.zhaoshang.system.Times;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/** The 审批单 as a printable page and as a PDF download, for anyone who may see the project. */
@Controller
class ApprovalSheetPages {

    private final ApprovalSheet sheets;
    private final Times times;
    private final PdfFonts fonts;

    ApprovalSheetPages(ApprovalSheet sheets, Times times, PdfFonts fonts) {
        this.fonts = fonts;
        this.sheets = sheets;
        this.times = times;
    }

    @GetMapping("/projects/{code}/approval-sheet")
    String page(@AuthenticationPrincipal StaffUser user, @PathVariable String code, Model model) {
        model.addAttribute("sheet", sheets.of(code, user));
        return "projects/approval-sheet";
    }

    @GetMapping("/projects/{code}/approval-sheet.pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal StaffUser user, @PathVariable String code) throws Exception {
        ApprovalSheet.Sheet sheet = sheets.of(code, user);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 36, 36, 42, 36);
        PdfWriter.getInstance(document, out);
        document.addTitle("项目评审审批单 " + sheet.project().code());
        document.open();
        Paragraph heading = fonts.paragraph("招商引资项目评审审批单", 16, Font.BOLD);
        heading.setAlignment(Element.ALIGN_CENTER);
        heading.setSpacingAfter(10);
        document.add(heading);
        var p = sheet.project();
        document.add(fonts.paragraph("项目编号：%s    项目名称：%s".formatted(p.code(), p.name()), 9, Font.NORMAL));
        document.add(fonts.paragraph("投资方：%s    总投资：%s 万元    用地：%s 亩".formatted(p.investor(), p.totalInvestment().stripTrailingZeros()
                .toPlainString(), p.landArea().stripTrailingZeros().toPlainString()), 9, Font.NORMAL));
        Paragraph units = fonts.paragraph("来源单位：%s    承载单位：%s    当前阶段：%s".formatted(sheet.originUnit(), sheet.hostUnit(), p.stage().label()),
                9, Font.NORMAL);
        units.setSpacingAfter(8);
        document.add(units);
        PdfPTable table = new PdfPTable(new float[] {3, 3, 2.2f, 6, 3.4f});
        table.setWidthPercentage(100);
        for (String h : new String[] {"环节", "部门", "结论", "意见与条件", "签名"}) {
            PdfPCell cell = new PdfPCell(fonts.phrase(h, 9, Font.BOLD));
            cell.setGrayFill(0.9f);
            table.addCell(cell);
        }
        for (ApprovalSheet.Line line : sheet.lines()) {
            table.addCell(fonts.phrase(nonNull(line.step()), 9, Font.NORMAL));
            table.addCell(fonts.phrase(nonNull(line.department()), 9, Font.NORMAL));
            table.addCell(fonts.phrase(nonNull(line.decision()), 9, Font.NORMAL));
            table.addCell(fonts.phrase(nonNull(line.comment()), 9, Font.NORMAL));
            table.addCell(fonts.phrase(line.signedBy() + "\n" + times.format(line.signedAt(), "yyyy-MM-dd HH:mm"), 9, Font.NORMAL));
        }
        document.add(table);
        if (sheet.outcome() != null) {
            Paragraph outcome = fonts.paragraph("评审结论：" + sheet.outcome(), 9, Font.BOLD);
            outcome.setSpacingBefore(8);
            document.add(outcome);
        }
        Paragraph printed = fonts.paragraph("打印：%s  %s（招商引资项目协同平台）".formatted(sheet.printedBy(),
                times.format(sheet.printedAt(), "yyyy-MM-dd HH:mm")), 9, Font.NORMAL);
        printed.setSpacingBefore(10);
        document.add(printed);
        document.close();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("审批单-" + p.code() + ".pdf", StandardCharsets.UTF_8)
                        .build().toString())
                .body(out.toByteArray());
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
