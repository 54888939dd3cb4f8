package org.ngai.events;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32;

/**
 * Compact, exact binary encoding of flat records (primitives, String, enums), row by row in
 * component order, big-endian. Doubles travel as their IEEE-754 bits, so a decoded record is
 * bit-for-bit equal to the one encoded: the pipeline and the reference engine see the same numbers.
 * The schema fingerprint (component names and types, and the encoding version) guards against
 * producer/consumer skew.
 *
 * <p>Layout per component: long and double 8 bytes, int 4, boolean 1, enum a 2-byte ordinal (-1 for
 * null), String a 4-byte UTF-8 length (-1 for null) and the bytes.
 *
 * <p>Speed matters here: every per-firm record of a run passes through this class twice per hop.
 * Accessors are bound once per record type as primitive functional interfaces (no boxing on encode),
 * and bytes are read and written through array views instead of data streams.
 */
public final class RecordCodec<T extends Record> {
    /** Bumped when the byte layout changes; part of the schema fingerprint. */
    static final int ENCODING = 2;
    private static final Map<Class<?>, RecordCodec<?>> CACHE = new ConcurrentHashMap<>();
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final int K_LONG = 0;
    private static final int K_INT = 1;
    private static final int K_DOUBLE = 2;
    private static final int K_BOOLEAN = 3;
    private static final int K_STRING = 4;
    private static final int K_ENUM = 5;

    private final Class<T> type;
    private final int[] kinds;
    private final Object[] getters;        // ToLongFunction, ToIntFunction, ToDoubleFunction, Predicate or Function
    private final Object[][] enumConstants;
    private final MethodHandle constructor; // (Object[]) -> Object
    private final int fixedBytes;           // bytes per record without string contents
    private final String schema;

    private RecordCodec(Class<T> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        int n = components.length;
        this.kinds = new int[n];
        this.getters = new Object[n];
        this.enumConstants = new Object[n][];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?>[] types = new Class<?>[n];
        StringBuilder sig = new StringBuilder(type.getSimpleName()).append(";enc").append(ENCODING);
        int fixed = 0;
        for (int i = 0; i < n; i++) {
            Class<?> c = components[i].getType();
            types[i] = c;
            if (c == long.class) {
                kinds[i] = K_LONG;
                fixed += 8;
            } else if (c == int.class) {
                kinds[i] = K_INT;
                fixed += 4;
            } else if (c == double.class) {
                kinds[i] = K_DOUBLE;
                fixed += 8;
            } else if (c == boolean.class) {
                kinds[i] = K_BOOLEAN;
                fixed += 1;
            } else if (c == String.class) {
                kinds[i] = K_STRING;
                fixed += 4;
            } else if (c.isEnum()) {
                kinds[i] = K_ENUM;
                enumConstants[i] = c.getEnumConstants();
                fixed += 2;
            } else {
                throw new IllegalArgumentException(type.getName() + "." + components[i].getName()
                        + " has type " + c.getName() + ", which the record codec does not encode");
            }
            getters[i] = getter(lookup, type, components[i].getAccessor(), kinds[i]);
            sig.append(';').append(components[i].getName()).append(':').append(c.getName());
        }
        this.fixedBytes = fixed;
        try {
            Constructor<T> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            this.constructor = lookup.unreflectConstructor(c)
                    .asSpreader(Object[].class, n)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("no canonical constructor for " + type.getName(), e);
        }
        CRC32 crc = new CRC32();
        crc.update(sig.toString().getBytes(StandardCharsets.UTF_8));
        this.schema = type.getSimpleName() + "#" + Long.toHexString(crc.getValue());
    }

    /** A primitive functional interface bound to the accessor; a method-handle wrapper if the JDK refuses. */
    private static Object getter(MethodHandles.Lookup lookup, Class<?> owner, Method accessor, int kind) {
        Class<?> iface;
        String name;
        Class<?> ret;
        switch (kind) {
            case K_LONG -> { iface = ToLongFunction.class; name = "applyAsLong"; ret = long.class; }
            case K_INT -> { iface = ToIntFunction.class; name = "applyAsInt"; ret = int.class; }
            case K_DOUBLE -> { iface = ToDoubleFunction.class; name = "applyAsDouble"; ret = double.class; }
            case K_BOOLEAN -> { iface = Predicate.class; name = "test"; ret = boolean.class; }
            default -> { iface = Function.class; name = "apply"; ret = Object.class; }
        }
        MethodHandle mh;
        try {
            accessor.setAccessible(true);
            mh = lookup.unreflect(accessor);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + owner.getName() + "." + accessor.getName(), e);
        }
        try {
            CallSite site = LambdaMetafactory.metafactory(lookup, name, MethodType.methodType(iface),
                    MethodType.methodType(ret, Object.class), mh, MethodType.methodType(accessor.getReturnType(), owner));
            return site.getTarget().invoke();
        } catch (Throwable e) {
            MethodHandle h = mh.asType(MethodType.methodType(ret, Object.class));
            return switch (kind) {
                case K_LONG -> (ToLongFunction<Object>) o -> invokeLong(h, o);
                case K_INT -> (ToIntFunction<Object>) o -> (int) invokeLong(h, o);
                case K_DOUBLE -> (ToDoubleFunction<Object>) o -> invokeDouble(h, o);
                case K_BOOLEAN -> (Predicate<Object>) o -> invokeLong(h, o) != 0;
                default -> (Function<Object, Object>) o -> invokeObject(h, o);
            };
        }
    }

    private static long invokeLong(MethodHandle h, Object o) {
        try {
            Object v = h.invoke(o);
            return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static double invokeDouble(MethodHandle h, Object o) {
        try {
            return (double) h.invoke(o);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invokeObject(MethodHandle h, Object o) {
        try {
            return h.invoke(o);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static <T extends Record> RecordCodec<T> of(Class<T> type) {
        return (RecordCodec<T>) CACHE.computeIfAbsent(type, t -> new RecordCodec<>((Class<T>) t));
    }

    /** Type name and fingerprint of the component list, e.g. {@code FirmReport#1a2b3c4d}. */
    public String schema() {
        return schema;
    }

    @SuppressWarnings("unchecked")
    public byte[] encode(List<T> records) {
        byte[] buf = new byte[Math.max(16, records.size() * fixedBytes)];
        int pos = 0;
        int n = kinds.length;
        for (T r : records) {
            for (int i = 0; i < n; i++) {
                Object g = getters[i];
                switch (kinds[i]) {
                    case K_LONG -> {
                        buf = ensure(buf, pos, 8);
                        LONG.set(buf, pos, ((ToLongFunction<Object>) g).applyAsLong(r));
                        pos += 8;
                    }
                    case K_INT -> {
                        buf = ensure(buf, pos, 4);
                        INT.set(buf, pos, ((ToIntFunction<Object>) g).applyAsInt(r));
                        pos += 4;
                    }
                    case K_DOUBLE -> {
                        buf = ensure(buf, pos, 8);
                        LONG.set(buf, pos, Double.doubleToRawLongBits(((ToDoubleFunction<Object>) g).applyAsDouble(r)));
                        pos += 8;
                    }
                    case K_BOOLEAN -> {
                        buf = ensure(buf, pos, 1);
                        buf[pos++] = (byte) (((Predicate<Object>) g).test(r) ? 1 : 0);
                    }
                    case K_STRING -> {
                        String s = (String) ((Function<Object, Object>) g).apply(r);
                        byte[] b = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
                        buf = ensure(buf, pos, 4 + (b == null ? 0 : b.length));
                        INT.set(buf, pos, b == null ? -1 : b.length);
                        pos += 4;
                        if (b != null) {
                            System.arraycopy(b, 0, buf, pos, b.length);
                            pos += b.length;
                        }
                    }
                    default -> {
                        Enum<?> e = (Enum<?>) ((Function<Object, Object>) g).apply(r);
                        buf = ensure(buf, pos, 2);
                        SHORT.set(buf, pos, (short) (e == null ? -1 : e.ordinal()));
                        pos += 2;
                    }
                }
            }
        }
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }

    private static byte[] ensure(byte[] buf, int pos, int need) {
        return pos + need <= buf.length ? buf : Arrays.copyOf(buf, Math.max(buf.length * 2, pos + need));
    }

    /** Decodes {@code count} records; throws {@link IllegalArgumentException} on a truncated or overlong payload. */
    @SuppressWarnings("unchecked")
    public List<T> decode(byte[] data, int count) {
        String name = type.getSimpleName();
        if (count < 0) {
            throw new IllegalArgumentException(name + " batch has a negative count");
        }
        if ((long) count * fixedBytes > data.length) {
            throw new IllegalArgumentException(name + " batch is shorter than its " + count + " records");
        }
        List<T> out = new ArrayList<>(count);
        int n = kinds.length;
        int pos = 0;
        try {
            for (int k = 0; k < count; k++) {
                Object[] args = new Object[n];
                for (int i = 0; i < n; i++) {
                    switch (kinds[i]) {
                        case K_LONG -> {
                            args[i] = (long) LONG.get(data, pos);
                            pos += 8;
                        }
                        case K_INT -> {
                            args[i] = (int) INT.get(data, pos);
                            pos += 4;
                        }
                        case K_DOUBLE -> {
                            args[i] = Double.longBitsToDouble((long) LONG.get(data, pos));
                            pos += 8;
                        }
                        case K_BOOLEAN -> {
                            byte b = data[pos++];
                            if (b != 0 && b != 1) {
                                throw new IllegalArgumentException(name + " record " + k + ": invalid boolean byte " + b);
                            }
                            args[i] = b == 1;
                        }
                        case K_STRING -> {
                            int len = (int) INT.get(data, pos);
                            pos += 4;
                            if (len < -1 || pos + Math.max(0, len) > data.length) {
                                throw new IllegalArgumentException(name + " record " + k + ": invalid string length " + len);
                            }
                            args[i] = len < 0 ? null : new String(data, pos, len, StandardCharsets.UTF_8);
                            pos += Math.max(0, len);
                        }
                        default -> {
                            short o = (short) SHORT.get(data, pos);
                            pos += 2;
                            Object[] constants = enumConstants[i];
                            if (o >= constants.length) {
                                throw new IllegalArgumentException(name + " record " + k + ": enum ordinal " + o
                                        + " out of range");
                            }
                            args[i] = o < 0 ? null : constants[o];
                        }
                    }
                }
                out.add((T) (Object) constructor.invokeExact(args));
            }
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(name + " batch is shorter than its " + count + " records");
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " record rejected: " + e.getMessage());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (pos != data.length) {
            throw new IllegalArgumentException(name + " batch has " + (data.length - pos) + " bytes beyond its "
                    + count + " records");
        }
        return out;
    }
}
