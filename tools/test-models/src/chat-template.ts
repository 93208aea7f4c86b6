/**
 * A ChatML chat template (Jinja, as `tokenizer.chat_template`): `<|im_start|>role\ncontent<|im_end|>\n`
 * per message, then `<|im_start|>assistant\n` when a generation prompt is asked for.
 */
export const chatMlTemplate = [
  '{%- for message in messages -%}',
  "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' -}}",
  '{%- endfor -%}',
  "{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}{%- endif -%}",
].join('');
