/**
 * The default taxonomy: topics of efficient large-language-model research,
 * the field of the embedded library. Data only; keywords.ts gives the
 * keyword syntax.
 */
import type { Taxonomy } from './taxonomy';

export const FALLBACK_TOPIC_ID = 'other';

export const DEFAULT_TAXONOMY: Taxonomy = [
  {
    id: 'pruning',
    label: 'Pruning & sparsification',
    description: 'Removing weights, neurons, channels or layers from a trained model (unstructured, N:M, structured pruning) and recovering accuracy afterwards.',
    keywords: [
      'prun*^3', 'pruned model^2', 'structured pruning^3', 'unstructured pruning^3', 'one shot pruning^2', 'layer dropping^2',
      'sparsif*^2', 'sparse llm^2', 'sparse model^1.5', 'sparse network^1.5', 'sparse finetuning^2', 'sparse fine tuning^1',
      'sparsity^1', 'sparsity ratio^2', 'high sparsity^1.5', 'weight sparsity^2', 'lottery ticket^2', 'magnitude pruning^2',
      'sparsegpt^3', 'wanda^3', 'compact^1', 'sparse neural network^2', 'pruning ratio^2',
    ],
  },
  {
    id: 'quantization',
    label: 'Quantization',
    description: 'Low-bit weights, activations or caches: post-training and quantization-aware methods, mixed precision, weight-only quantization.',
    keywords: [
      'quantiz*^3', 'low bit^2', 'bit width^2', 'bitwidth^2', '4 bit^1.5', '3 bit^1.5', '2 bit^1.5', 'int4^2', 'int8^2',
      'mixed precision^2', 'weight only^2', 'outlier*^1', 'ultra low precision^2', 'gptq^3', 'awq^3', 'precision^0.5',
      'dense and sparse^1', 'group quantization^3',
    ],
  },
  {
    id: 'sparse-attention-kv',
    label: 'Sparse attention & KV cache',
    description: 'Attention that skips tokens or blocks, sub-quadratic attention, and keeping the key-value cache small (eviction, merging, compression, offloading, reuse).',
    keywords: [
      'sparse attention^4', 'attention sparsity^3', 'attention head*^1.5', 'attention^0.75', 'sub quadratic^3', 'quadratic complexity^1.5',
      'kv cache^4', 'kv^2', 'kvs^2', 'key value^2', 'key value cache^2', 'token eviction^3', 'evict*^2', 'cache compression^3',
      'token sparsi*^3', 'token selection^2', 'prefill*^1', 'pre filling^1', 'routing attention^3', 'heavy hitter*^2', 'query^0.5', 'attention pruning^3', 'long context inference^2',
    ],
  },
  {
    id: 'moe',
    label: 'Mixture of experts',
    description: 'Sparsely activated models: expert routing, MoE training and inference systems, compressing experts, conditional computation.',
    keywords: [
      'mixture of expert*^4', 'moe^4', 'expert*^1.5', 'router^2', 'routing^1', 'gating^1.5', 'sparsely activated^2', 'top k^1',
      'expert parallelism^3', 'expert load*^3', 'adaptive computation^3', 'conditional computation^3', 'early exit^1.5',
      'dynamic routing^2',
    ],
  },
  {
    id: 'optimizers',
    label: 'Memory-efficient optimizers',
    description: 'Optimizers and training methods that cut optimizer-state or gradient memory: low-bit states, low-rank gradient projection, new update rules.',
    keywords: [
      'optimizer*^2', 'optimizer state*^4', 'adam^2', 'adamw^2', 'adafactor^3', 'momentum^2',
      'gradient projection^3', 'low rank gradient*^3', 'galore^2', 'memory efficient training^2',
      '8 bit optimizer*^4', 'second moment^2',
      'preconditioner^2', 'update rule^1.5', 'low rank optimization^3', 'adaptive optimizer*^4', 'adaptive gradient^3',
      'gradient optimization^2', 'project* gradient*^2', 'language model training^1', 'pre training^0.5',
    ],
  },
  {
    id: 'peft',
    label: 'Parameter-efficient fine-tuning',
    description: 'Adapting a model by training few parameters: LoRA and its variants, adapters, sparse fine-tuning of selected weights.',
    keywords: [
      'parameter efficient^4', 'peft^4', 'lora^4', 'low rank adaptation^4', 'adapter*^2', 'fine tun*^1.5', 'finetun*^1.5',
      'sparse fine tuning^2', 'sparse finetuning^1', 'trainable parameter*^2', 'few parameters^1.5', 'qlora^4',
      'instruction tuning^1', 'adaptation^1', 'selecting sparse^2', 'shard*^1', 'downstream task*^1',
    ],
  },
  {
    id: 'zeroth-order',
    label: 'Zeroth-order optimization',
    description: 'Fine-tuning with forward passes only: zeroth-order gradient estimates (MeZO and successors).',
    keywords: [
      'zeroth order^5', 'zo^3', 'mezo^5', 'forward pass*^2', 'gradient free^4', 'derivative free^4', 'gradient estimat*^2',
      'backpropagation free^4',
    ],
  },
  {
    id: 'sparse-training',
    label: 'Sparse training',
    description: 'Training networks that stay sparse: dynamic sparse training, N:M sparsity during training, sparse pre-training, sparse scaling laws.',
    keywords: [
      'sparse training^4', 'sparsity training^4', 'dynamic sparse^3', 'sparse pre training^4', 'sparse pretraining^4',
      'sparse learning^3', 'n m sparsity^3', 'n m sparse^3', 'from scratch^1', 'during training^1.5', 'train*^0.5',
      'sparse and dense^2', 'flops^1', 'parameter count^2', 'scaling law*^1',
      'sparse weight*^1', 'sparse pattern*^1',
    ],
  },
  {
    id: 'long-context',
    label: 'Long-context training',
    description: 'Training and fine-tuning on long sequences: sequence and context parallelism, chunk-wise training, context extension.',
    keywords: [
      'long context^3', 'context length^3', 'long sequence*^2', 'sequence length*^2', 'sequence parallelism^4',
      'context parallelism^4', 'context window^2', 'context extension^3', '1m^2', 'million token*^2', 'long context training^4', 'long text^1',
      'training cost*^1', 'activation memory^2',
    ],
  },
  {
    id: 'serving',
    label: 'Serving & decoding',
    description: 'Making generation fast in production: inference and serving systems, batching and scheduling, speculative and parallel decoding, constrained sampling.',
    keywords: [
      'serving^3', 'inference system^3', 'inference engine^2', 'speculative decoding^4', 'parallel decoding^3', 'decoding^1.5',
      'batch*^1', 'scheduling^1.5', 'throughput^1', 'latency^1', 'prefill and decode^2', 'decode*^1', 'multi tenant^3', 'chunked prefill*^3', 'constrained^1.5',
      'generation^0.5', 'test time^2', 'inference time^1', 'inference^0.5',
    ],
  },
  {
    id: 'compression',
    label: 'Low-rank & model compression',
    description: 'Compression that is not plain pruning or quantization: low-rank factorisation, weight decomposition, parameter sharing, distillation, non-uniform compression and its evaluation.',
    keywords: [
      'low rank^2', 'rank reduction^3', 'decompos*^2', 'svd^1', 'factori*^2', 'parameter sharing^4',
      'distillation^1.5', 'knowledge distillation^1.5', 'model compression^3', 'compress*^1.5', 'compression ratio*^2',
      'non uniform^2', 'compressed llm*^2', 'memory footprint^1',
    ],
  },
  {
    id: 'sparse-kernels',
    label: 'Sparse kernels & hardware',
    description: 'Executing sparse computation fast: sparse matrix kernels (SpMM, SpGEMM), inference engines for sparse networks, accelerators and co-design.',
    keywords: [
      'spgemm^5', 'spmm^4', 'sparse matrix^3', 'sparse matrices^3', 'kernel*^1.5', 'accelerator*^2', 'fpga^3', 'hardware^1.5',
      'co design^2', 'dataflow^3', 'mobile^2', 'edge device*^1', 'arm^1.5', 'cpu^1', 'inference engine^2', 'dram^2', 'memory bandwidth^1', 'convnet*^2', 'mobilenet^2', 'sparse primitive*^3',
    ],
  },
  {
    id: 'scaling-laws',
    label: 'Scaling laws & training recipes',
    description: 'How performance scales with parameters, data and compute, and the hyperparameters that follow from it.',
    keywords: [
      'scaling law*^4', 'hyperparameter*^2', 'learning rate^2', 'batch size^1', 'compute optimal^3', 'power law^3',
      'test time scaling^3', 'chinchilla^3',
    ],
  },
  {
    id: FALLBACK_TOPIC_ID,
    label: 'Other',
    description: 'Papers no other topic matches.',
    keywords: [],
    fallback: true,
  },
];
