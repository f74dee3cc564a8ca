package org.vatools.vainstall.pm;

import java.util.ArrayList;
import java.util.List;

/** Package names in a relation field such as Provides: {@code a (= 1), b:any, c | d}. */
public final class Relations {
    private Relations() {
    }

    public static List<String> names(String field) {
        List<String> out = new ArrayList<>();
        if (field == null || field.isBlank()) {
            return out;
        }
        for (String part : field.split(",")) {
            for (String alt : part.split("\\|")) {
                String name = alt.strip().split("[\\s(:]", 2)[0];
                if (!name.isEmpty()) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
