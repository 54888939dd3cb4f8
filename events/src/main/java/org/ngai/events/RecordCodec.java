package org.ngai.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Compact, exact binary encoding of flat records (primitives, String, enums), row by row in
 * component order. Doubles travel as their IEEE-754 bits, so a decoded record is bit-for-bit equal to
 * the one encoded: the pipeline and the reference engine see the same numbers. The schema fingerprint
 * (component names and types) guards against producer/consumer skew.
 */
public final class RecordCodec<T extends Record> {
    private static final Map<Class<?>, RecordCodec<?>> CACHE = new ConcurrentHashMap<>();

    private final Class<T> type;
    private final RecordComponent[] components;
    private final MethodHandle[] accessors;   // (Object) -> Object
    private final MethodHandle constructor;   // (Object[]) -> Object
    private final String schema;

    private RecordCodec(Class<T> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.accessors = new MethodHandle[components.length];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?>[] types = new Class<?>[components.length];
        StringBuilder sig = new StringBuilder(type.getSimpleName());
        for (int i = 0; i < components.length; i++) {
            try {
                java.lang.reflect.Method m = components[i].getAccessor();
                m.setAccessible(true);
                accessors[i] = lookup.unreflect(m).asType(MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            types[i] = components[i].getType();
            Class<?> c = types[i];
            if (!(c == long.class || c == int.class || c == double.class || c == boolean.class || c == String.class
                    || c.isEnum())) {
                throw new IllegalArgumentException(type.getName() + "." + components[i].getName()
                        + " has type " + c.getName() + ", which the record codec does not encode");
            }
            sig.append(';').append(components[i].getName()).append(':').append(c.getName());
        }
        try {
            Constructor<T> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            this.constructor = lookup.unreflectConstructor(c)
                    .asType(MethodType.methodType(Object.class, types).changeParameterType(0, types[0]))
                    .asSpreader(Object[].class, types.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        CRC32 crc = new CRC32();
        crc.update(sig.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        this.schema = type.getSimpleName() + "#" + Long.toHexString(crc.getValue());
    }

    @SuppressWarnings("unchecked")
    public static <T extends Record> RecordCodec<T> of(Class<T> type) {
        return (RecordCodec<T>) CACHE.computeIfAbsent(type, t -> new RecordCodec<>((Class<T>) t));
    }

    /** Type name and fingerprint of the component list, e.g. {@code FirmReport#1a2b3c4d}. */
    public String schema() {
        return schema;
    }

    public byte[] encode(List<T> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, records.size() * components.length * 8));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (T r : records) {
                for (int i = 0; i < components.length; i++) {
                    Object v = accessors[i].invoke((Object) r);
                    Class<?> c = components[i].getType();
                    if (c == long.class) {
                        out.writeLong((Long) v);
                    } else if (c == int.class) {
                        out.writeInt((Integer) v);
                    } else if (c == double.class) {
                        out.writeLong(Double.doubleToRawLongBits((Double) v));
                    } else if (c == boolean.class) {
                        out.writeBoolean((Boolean) v);
                    } else if (c == String.class) {
                        out.writeBoolean(v != null);
                        if (v != null) {
                            out.writeUTF((String) v);
                        }
                    } else {
                        out.writeShort(v == null ? -1 : ((Enum<?>) v).ordinal());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes {@code count} records; throws {@link IllegalArgumentException} on a truncated or overlong payload. */
    public List<T> decode(byte[] data, int count) {
        List<T> out = new ArrayList<>(count);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            Object[] args = new Object[components.length];
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < components.length; i++) {
                    Class<?> c = components[i].getType();
                    if (c == long.class) {
                        args[i] = in.readLong();
                    } else if (c == int.class) {
                        args[i] = in.readInt();
                    } else if (c == double.class) {
                        args[i] = Double.longBitsToDouble(in.readLong());
                    } else if (c == boolean.class) {
                        args[i] = in.readBoolean();
                    } else if (c == String.class) {
                        args[i] = in.readBoolean() ? in.readUTF() : null;
                    } else {
                        short o = in.readShort();
                        args[i] = o < 0 ? null : c.getEnumConstants()[o];
                    }
                }
                out.add(type.cast(constructor.invoke(args)));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(type.getSimpleName() + " batch has " + in.available()
                        + " bytes beyond its " + count + " records");
            }
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " batch is shorter than its " + count + " records");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " record rejected: " + e.getMessage());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
