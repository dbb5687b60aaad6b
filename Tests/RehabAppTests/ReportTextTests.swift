import RehabApp
import RehabCore
import Testing

@Suite struct ReportTextTests {
    /// Both HTML reports open with this head: a patient's name in the title is text, not markup.
    @Test func theDocumentOpeningEscapesTheTitle() {
        let lines = ReportText.htmlOpening(
            title: "Report · <script>alert(\"x\")</script> & 'Sam'", language: .nl)
        #expect(
            lines == [
                "<!DOCTYPE html>",
                "<html lang=\"nl\">",
                "<head>",
                "<meta charset=\"utf-8\">",
                "<title>Report · &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                    + "&#39;Sam&#39;</title>",
                "<style>\(ReportText.style)</style>",
                "</head>",
                "<body>",
            ])
    }
}
