package org.vatools.core.pgp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

class ClearTextTest {
    private static List<String> lines(String text) {
        return ClearText.lines(text.getBytes(UTF_8)).stream().map(b -> new String(b, UTF_8)).toList();
    }

    @Test
    void aFinalLineEndingDoesNotStartALine() {
        assertEquals(List.of("a", "b"), lines("a\nb\n"));
        assertEquals(List.of("a", "b"), lines("a\nb"));
        assertEquals(List.of("a", "", "b"), lines("a\r\n\r\nb\r\n"));
        assertEquals(List.of(""), lines(""));
        assertEquals(List.of(""), lines("\n"));
    }

    @Test
    void signedBytesDropTrailingBlanksAndJoinWithCrLf() {
        byte[] signed = ClearText.signedBytes(ClearText.lines("Origin: x  \t\n-dash\n\nend \n".getBytes(UTF_8)));
        assertEquals("Origin: x\r\n-dash\r\n\r\nend", new String(signed, UTF_8));
    }

    @Test
    void documentDashEscapesAndParseUndoesIt() {
        byte[] doc = ClearText.document(ClearText.lines("-a\n--b\nc \n".getBytes(UTF_8)), "SHA512",
                "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n".getBytes(UTF_8));
        assertEquals("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n- -a\n- --b\nc\n"
                + "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n", new String(doc, UTF_8));
        ClearText.Parsed parsed = ClearText.parse(doc, "InRelease");
        assertEquals(List.of("SHA512"), parsed.hashNames());
        assertEquals("-a\n--b\nc\n", parsed.text());
        assertTrue(new String(parsed.signatureBlock(), UTF_8).startsWith("-----BEGIN PGP SIGNATURE-----\n"));
    }

    @Test
    void parseRefusesWhatAptRefuses() {
        String sig = "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n";
        assertMalformed("Origin: x\n", "InRelease:1: does not start with");
        assertMalformed("junk\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nx\n" + sig, "InRelease:1:");
        assertMalformed("-----BEGIN PGP SIGNED MESSAGE-----\nComment: x\n\nx\n" + sig, "InRelease:2: unexpected header");
        assertMalformed("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n-x\n" + sig, "InRelease:4: line starts with '-'");
        assertMalformed("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nx\n", "ends before '-----BEGIN PGP SIGNATURE-----'");
        assertMalformed("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nx\n" + sig + "Injected: yes\n",
                "InRelease:9: unexpected data after the signature");
    }

    private static void assertMalformed(String document, String expected) {
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> ClearText.parse(document.getBytes(UTF_8), "InRelease"));
        assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
