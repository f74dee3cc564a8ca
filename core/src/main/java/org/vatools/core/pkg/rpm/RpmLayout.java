package org.vatools.core.pkg.rpm;

/**
 * Where the parts of an rpm lie in the file, as byte offsets (each end is exclusive). A signed
 * copy of a package is the lead, a new signature header padded to 8 bytes, then the bytes from
 * {@link #headerStart()} to the end of the file unchanged.
 *
 * @param signatureStart offset of the signature header (96, right after the lead)
 * @param signatureEnd   end of the signature header, before its padding
 * @param headerStart    offset of the main header (after the padding to a multiple of 8);
 *                       createrepo_c's {@code rpm:header-range start}
 * @param headerEnd      end of the main header = start of the payload;
 *                       createrepo_c's {@code rpm:header-range end}
 * @param fileSize       size of the whole file
 */
public record RpmLayout(long signatureStart, long signatureEnd, long headerStart, long headerEnd, long fileSize) {

    /** Offset where the compressed payload begins. */
    public long payloadStart() {
        return headerEnd;
    }

    /** Bytes of padding between the signature header and the main header (0 to 7). */
    public int signaturePadding() {
        return (int) (headerStart - signatureEnd);
    }

    /** Bytes of compressed payload. */
    public long payloadSize() {
        return fileSize - headerEnd;
    }
}
