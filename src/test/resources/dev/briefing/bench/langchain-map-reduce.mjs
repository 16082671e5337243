// LangChain.js' map-reduce summarization chain over a folder of articles, as its documentation
// shows it: one Document per file, loadSummarizationChain(llm, { type: "map_reduce" }) with its
// default prompts, against an Ollama server. Written into target/ and run by the benchmark
// (src/test/java/dev/briefing/bench/LangChainJs.java); usage: node langchain-map-reduce.mjs DIR HOST MODEL
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { ChatOllama } from "@langchain/ollama";
import { loadSummarizationChain } from "@langchain/classic/chains";

const [dir, host, model] = process.argv.slice(2);
const docs = readdirSync(dir)
  .filter((f) => !f.startsWith("."))
  .sort()
  .map((f) => new Document({ pageContent: readFileSync(join(dir, f), "utf8"), metadata: { source: f } }));
// The same window and output limit as briefing's defaults (num_ctx 8192, num_predict 2048).
const llm = new ChatOllama({ baseUrl: host, model, numCtx: 8192, numPredict: 2048, temperature: 0 });
// LangChain.js counts tokens with a tokenizer file it downloads at run time, and falls back to
// characters / 4 when it cannot; the benchmark reaches no network, so the fallback is used
// directly (the count only decides whether the summaries are summarized again before combining).
llm.getNumTokens = async (text) => Math.ceil(text.length / 4);
const chain = loadSummarizationChain(llm, { type: "map_reduce" });
const result = await chain.invoke({ input_documents: docs });
process.stdout.write(result.text + "\n");
