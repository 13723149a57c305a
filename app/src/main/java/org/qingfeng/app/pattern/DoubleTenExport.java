package org.qingfeng.app.pattern;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfGState;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.qingfeng.monitors.pattern.DoubleTenRanking;

/**
 * 双十 report as XLSX (Apache POI) and PDF (OpenPDF). Both carry the watermark — who exported it and when — visibly on
 * every sheet and page: per-prescriber rankings are 统方 data, and a leaked copy must say whose it was.
 */
public final class DoubleTenExport {

    private static final String[] HEADER = {
        "类别 Category",
        "排名 Rank",
        "编码 Code",
        "名称 Item",
        "金额(元) Amount",
        "数量 Quantity",
        "处方数 Prescriptions",
        "占比% Share",
        "医师排名 Prescriber rank",
        "医师 Prescriber",
        "医师金额(元)",
        "医师占比% Share of item"
    };

    private DoubleTenExport() {}

    public static byte[] xlsx(DoubleTenRanking.Report report, String watermark) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFFont red = book.createFont();
            red.setColor(org.apache.poi.ss.usermodel.IndexedColors.RED.getIndex());
            red.setBold(true);
            CellStyle mark = book.createCellStyle();
            mark.setFont(red);
            for (DoubleTenRanking.Category c : DoubleTenRanking.Category.values()) {
                Sheet sheet = book.createSheet(c == DoubleTenRanking.Category.DRUG ? "药品 Drugs" : "高值耗材 Consumables");
                sheet.getHeader().setCenter(watermark);
                sheet.getFooter().setCenter(watermark);
                Row top = sheet.createRow(0);
                top.createCell(0).setCellValue(watermark);
                top.getCell(0).setCellStyle(mark);
                sheet.createRow(1).createCell(0).setCellValue("双十排名 Double-ten ranking " + report.period());
                Row header = sheet.createRow(2);
                for (int i = 0; i < HEADER.length; i++) {
                    header.createCell(i).setCellValue(HEADER[i]);
                }
                int r = 3;
                for (List<Object> row : rows(report, c)) {
                    Row x = sheet.createRow(r++);
                    for (int i = 0; i < row.size(); i++) {
                        Object v = row.get(i);
                        if (v instanceof Number n) {
                            x.createCell(i).setCellValue(n.doubleValue());
                        } else if (v != null) {
                            x.createCell(i).setCellValue(v.toString());
                        }
                    }
                }
                sheet.createRow(r + 1).createCell(0).setCellValue(watermark);
                sheet.getRow(r + 1).getCell(0).setCellStyle(mark);
                sheet.createFreezePane(0, 3);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] pdf(DoubleTenRanking.Report report, String watermark) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Document doc = new Document(PageSize.A4.rotate(), 24, 24, 36, 36);
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPageEvent(new Watermark(watermark));
            doc.open();
            doc.add(new Paragraph(text("双十排名 Double-ten ranking " + report.period(), 14, Font.BOLD, Color.BLACK)));
            doc.add(new Paragraph(text(watermark, 9, Font.NORMAL, Color.RED)));
            for (DoubleTenRanking.Category c : DoubleTenRanking.Category.values()) {
                doc.add(new Paragraph(text(
                        c == DoubleTenRanking.Category.DRUG ? "药品 Drugs" : "高值耗材 High-value consumables",
                        11,
                        Font.BOLD,
                        Color.BLACK)));
                PdfPTable table = new PdfPTable(HEADER.length);
                table.setWidthPercentage(100);
                table.setHeaderRows(1);
                for (String h : HEADER) {
                    table.addCell(text(h, 8, Font.NORMAL, Color.BLACK));
                }
                for (List<Object> row : rows(report, c)) {
                    for (Object v : row) {
                        table.addCell(text(v == null ? "" : v.toString(), 8, Font.NORMAL, Color.BLACK));
                    }
                }
                doc.add(table);
            }
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException("PDF could not be written", e);
        }
    }

    /**
     * Latin text in Helvetica, Chinese in the Adobe STSong CID font that every PDF reader supplies (nothing to embed,
     * nothing to install on the server); Latin text stays searchable and extractable.
     */
    static Phrase text(String text, float size, int style, Color color) {
        FontSelector selector = new FontSelector();
        selector.addFont(new Font(Font.HELVETICA, size, style, color));
        selector.addFont(new Font(cjk(), size, style, color));
        return selector.process(text);
    }

    private static BaseFont cjk() {
        try {
            return BaseFont.createFont("STSongStd-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row per item and prescriber; the item's columns are filled on its first row only. */
    static List<List<Object>> rows(DoubleTenRanking.Report report, DoubleTenRanking.Category c) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (DoubleTenRanking.RankedItem item : report.ranking(c)) {
            boolean first = true;
            List<DoubleTenRanking.RankedPrescriber> prescribers =
                    item.prescribers().isEmpty() ? java.util.Collections.singletonList(null) : item.prescribers();
            for (DoubleTenRanking.RankedPrescriber p : prescribers) {
                List<Object> row = new java.util.ArrayList<>();
                row.add(first ? (c == DoubleTenRanking.Category.DRUG ? "药品" : "高值耗材") : null);
                row.add(first ? item.rank() : null);
                row.add(first ? item.itemCode() : null);
                row.add(first ? item.itemName() : null);
                row.add(first ? item.amount() : null);
                row.add(first ? item.quantity() : null);
                row.add(first ? item.prescriptions() : null);
                row.add(first ? item.sharePercent() : null);
                row.add(p == null ? null : p.rank());
                row.add(p == null ? null : p.prescriberName() + " (" + p.prescriberId() + ")");
                row.add(p == null ? null : p.amount());
                row.add(p == null ? null : p.sharePercent());
                rows.add(row);
                first = false;
            }
        }
        return rows;
    }

    /** Diagonal grey text across every page and a footer line, both naming the exporter and the time. */
    private static final class Watermark extends PdfPageEventHelper {
        private final String text;

        Watermark(String text) {
            this.text = text;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte over = writer.getDirectContent();
            float cx = document.getPageSize().getWidth() / 2;
            float cy = document.getPageSize().getHeight() / 2;
            over.saveState();
            PdfGState faint = new PdfGState();
            faint.setFillOpacity(0.15f);
            over.setGState(faint);
            ColumnText.showTextAligned(over, Element.ALIGN_CENTER, text(text, 28, Font.BOLD, Color.GRAY), cx, cy, 30);
            over.restoreState();
            ColumnText.showTextAligned(
                    over,
                    Element.ALIGN_CENTER,
                    text(text + "  · 第 " + writer.getPageNumber() + " 页", 8, Font.NORMAL, Color.DARK_GRAY),
                    cx,
                    18,
                    0);
        }
    }
}
