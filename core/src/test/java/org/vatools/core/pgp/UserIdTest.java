package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vatools.core.InvalidInputException;

class UserIdTest {
    @Test
    void formatsNameAndAddress() {
        assertEquals("Example Archive <archive@example.org>", new UserId(" Example Archive ", "archive@example.org").toString());
        assertEquals("Example Archive", new UserId("Example Archive", null).toString());
    }

    @Test
    void refusesBadNamesAndAddresses() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new UserId("A <b@c.d>", "nope"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("'nope' is not an e-mail address"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new UserId("", "a@b.c"));
        assertThrows(InvalidInputException.class, () -> new UserId("Line\nbreak", ""));
    }
}
