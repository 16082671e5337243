package dev.briefing.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes a tiny but real llama-architecture GGUF (ggml's docs/gguf.md: header, metadata
 * key-values, tensor infos, aligned data): a SentencePiece-style vocabulary with byte
 * fallback, random F32 weights, a ChatML template. llama.cpp loads and runs it like any model.
 *
 * <p>The weights are random except for one direction: every embedding carries a large
 * constant first component, and the output rows of {@code "}, {@code ]}, {@code }} and
 * end-of-text read it, so those tokens win wherever the grammar allows them. Replies then
 * close their strings and arrays early and end, instead of filling num_predict with noise.
 * What they say is still noise: the tests check shape, not sense.
 */
public final class TinyGguf {
    public static final int EMBED = 64;
    static final int HEADS = 4;
    public static final int LAYERS = 2;
    static final int FEED_FORWARD = 128;
    static final int CONTEXT = 32768;
    private static final int ALIGN = 32;

    static final String CHAT_TEMPLATE = "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>\\n' }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static final int TYPE_NORMAL = 1;
    private static final int TYPE_UNKNOWN = 2;
    private static final int TYPE_CONTROL = 3;
    private static final int TYPE_BYTE = 6;

    private TinyGguf() {
    }

    /** The model with the vocabulary's characters taken from {@code text} too (most frequent first). */
    public static Path write(Path file, String text, long seed) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"));
        List<Integer> types = new ArrayList<>(List.of(TYPE_UNKNOWN, TYPE_CONTROL, TYPE_CONTROL, TYPE_CONTROL,
                TYPE_CONTROL));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(TYPE_BYTE);
        }
        Set<String> pieces = new LinkedHashSet<>();
        pieces.add("\u2581");
        for (char c = 33; c < 127; c++) {
            pieces.add(String.valueOf(c));
        }
        text.codePoints().filter(cp -> cp > 127 && !Character.isWhitespace(cp))
                .boxed().collect(java.util.stream.Collectors.groupingBy(cp -> cp, java.util.stream.Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()).limit(1200)
                .forEach(e -> pieces.add(new String(Character.toChars(e.getKey()))));
        // Longer pieces (the text's frequent substrings, so every merge on the way is there too) keep
        // prompts to a few thousand tokens instead of one per character.
        pieces.addAll(frequentSubstrings(text, 6000));
        for (String piece : pieces) {
            tokens.add(piece);
            types.add(TYPE_NORMAL);
        }
        int vocab = tokens.size();
        float[] scores = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            // SentencePiece merges the highest-scoring pair first: longer pieces win.
            scores[i] = types.get(i) == TYPE_NORMAL ? tokens.get(i).codePointCount(0, tokens.get(i).length()) - i * 1e-6f : 0;
        }
        Set<Integer> favoured = new LinkedHashSet<>(List.of(2, tokens.indexOf("\""), tokens.indexOf("]"),
                tokens.indexOf("}")));

        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("general.architecture", "llama");
        kv.put("general.name", "tiny-test-model");
        kv.put("llama.context_length", (Object) u32(CONTEXT));
        kv.put("llama.embedding_length", u32(EMBED));
        kv.put("llama.block_count", u32(LAYERS));
        kv.put("llama.feed_forward_length", u32(FEED_FORWARD));
        kv.put("llama.attention.head_count", u32(HEADS));
        kv.put("llama.attention.head_count_kv", u32(HEADS));
        kv.put("llama.rope.dimension_count", u32(EMBED / HEADS));
        kv.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        kv.put("tokenizer.ggml.model", "llama");
        kv.put("tokenizer.ggml.tokens", tokens.toArray(String[]::new));
        kv.put("tokenizer.ggml.scores", scores);
        kv.put("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray());
        kv.put("tokenizer.ggml.bos_token_id", u32(1));
        kv.put("tokenizer.ggml.eos_token_id", u32(2));
        kv.put("tokenizer.ggml.unknown_token_id", u32(0));
        kv.put("tokenizer.ggml.add_bos_token", Boolean.TRUE);
        kv.put("tokenizer.chat_template", CHAT_TEMPLATE);

        Random random = new Random(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        float[] embeddings = noise(random, EMBED * vocab, 0.1f);
        for (int t = 0; t < vocab; t++) {
            embeddings[t * EMBED] = 4f;
        }
        tensors.put("token_embd.weight", new Tensor(new long[] {EMBED, vocab}, embeddings));
        for (int l = 0; l < LAYERS; l++) {
            String p = "blk." + l + ".";
            tensors.put(p + "attn_norm.weight", new Tensor(new long[] {EMBED}, ones(EMBED)));
            for (String w : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
                tensors.put(p + w + ".weight", new Tensor(new long[] {EMBED, EMBED}, noise(random, EMBED * EMBED, 0.02f)));
            }
            tensors.put(p + "ffn_norm.weight", new Tensor(new long[] {EMBED}, ones(EMBED)));
            tensors.put(p + "ffn_gate.weight", new Tensor(new long[] {EMBED, FEED_FORWARD},
                    noise(random, EMBED * FEED_FORWARD, 0.02f)));
            tensors.put(p + "ffn_up.weight", new Tensor(new long[] {EMBED, FEED_FORWARD},
                    noise(random, EMBED * FEED_FORWARD, 0.02f)));
            tensors.put(p + "ffn_down.weight", new Tensor(new long[] {FEED_FORWARD, EMBED},
                    noise(random, EMBED * FEED_FORWARD, 0.02f)));
        }
        tensors.put("output_norm.weight", new Tensor(new long[] {EMBED}, ones(EMBED)));
        float[] output = noise(random, EMBED * vocab, 0.1f);
        for (int t = 0; t < vocab; t++) {
            output[t * EMBED] = favoured.contains(t) ? 1f : 0f;
        }
        tensors.put("output.weight", new Tensor(new long[] {EMBED, vocab}, output));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(encode(kv, tensors));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Substrings of 2 to 6 characters of the text's words (spaces as SentencePiece's U+2581), most frequent first. */
    static List<String> frequentSubstrings(String text, int limit) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (String word : text.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int[] cps = ("\u2581" + word).codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                for (int n = 2; n <= 6 && i + n <= cps.length; n++) {
                    counts.merge(new String(cps, i, n), 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    private record Tensor(long[] dims, float[] data) {
    }

    /** A marker so an int is written as GGUF uint32. */
    private record U32(int value) {
    }

    private static U32 u32(int value) {
        return new U32(value);
    }

    private static byte[] encode(Map<String, Object> kv, Map<String, Tensor> tensors) {
        Writer w = new Writer();
        w.u32(0x46554747);
        w.u32(3);
        w.u64(tensors.size());
        w.u64(kv.size());
        kv.forEach((key, value) -> {
            w.string(key);
            w.value(value);
        });
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            w.string(e.getKey());
            w.u32(e.getValue().dims().length);
            for (long d : e.getValue().dims()) {
                w.u64(d);
            }
            w.u32(0); // GGML_TYPE_F32
            w.u64(offset);
            offset = aligned(offset + 4L * e.getValue().data().length);
        }
        w.pad();
        for (Tensor t : tensors.values()) {
            ByteBuffer b = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : t.data()) {
                b.putFloat(f);
            }
            w.bytes(b.array());
            w.pad();
        }
        return w.out.toByteArray();
    }

    private static long aligned(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static float[] noise(Random random, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian() * scale;
        }
        return a;
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void bytes(byte[] b) {
            out.write(b, 0, b.length);
        }

        void u32(int v) {
            bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        void u64(long v) {
            bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }

        void f32(float v) {
            bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void pad() {
            while (out.size() % ALIGN != 0) {
                out.write(0);
            }
        }

        void value(Object v) {
            if (v instanceof U32 u) {
                u32(4);
                u32(u.value());
            } else if (v instanceof Float f) {
                u32(6);
                f32(f);
            } else if (v instanceof Boolean b) {
                u32(7);
                out.write(b ? 1 : 0);
            } else if (v instanceof String s) {
                u32(8);
                string(s);
            } else if (v instanceof String[] a) {
                u32(9);
                u32(8);
                u64(a.length);
                for (String s : a) {
                    string(s);
                }
            } else if (v instanceof float[] a) {
                u32(9);
                u32(6);
                u64(a.length);
                for (float f : a) {
                    f32(f);
                }
            } else if (v instanceof int[] a) {
                u32(9);
                u32(5);
                u64(a.length);
                for (int i : a) {
                    u32(i);
                }
            } else {
                throw new IllegalArgumentException("no GGUF type for " + v);
            }
        }
    }
}
