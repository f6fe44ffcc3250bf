package org.exitpollaudit.ingest;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A row's candidate values as a compact, read-only map: the candidate ids (one array shared by the rows of a source)
 * and a {@code double[]}, in column order. A {@code null} value is stored as NaN and read back as {@code null}.
 */
public final class CandidateValues extends AbstractMap<String, Double> {

    private final String[] keys;
    private final double[] values;

    private CandidateValues(String[] keys, double[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Keys taken as given (the caller shares one array among rows); values copied. */
    public static CandidateValues of(String[] keys, double[] values) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException("keys and values differ in length");
        }
        return new CandidateValues(keys, values.clone());
    }

    @Override
    public int size() {
        return keys.length;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        // strings cache their hash: comparing it first leaves one equals call per lookup instead of one per key
        int h = k.hashCode();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == k || (keys[i].hashCode() == h && keys[i].equals(k))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Double get(Object key) {
        int i = indexOf(key);
        return i < 0 || Double.isNaN(values[i]) ? null : values[i];
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int at = i++;
                        return new SimpleImmutableEntry<>(keys[at], Double.isNaN(values[at]) ? null : values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
