#!/usr/bin/env node
import { runSkill } from '@mmskills/core';
import { createOcrSkill } from './skill.js';

const OPTION_OF_FLAG = {
  'det-model': 'detModel',
  'rec-model': 'recModel',
  'cls-model': 'clsModel',
  dict: 'dict',
};

await runSkill(
  (flags) =>
    createOcrSkill(
      Object.fromEntries(
        Object.entries(OPTION_OF_FLAG).flatMap(([flag, option]) => {
          const value = flags[flag];
          return typeof value === 'string' && value !== '' ? [[option, value]] : [];
        }),
      ),
    ),
  {
    flags: {
      'det-model': {
        type: 'string',
        env: 'MMSKILLS_OCR_DET_MODEL',
        description: 'text detection ONNX model (PaddleOCR DB)',
      },
      'rec-model': {
        type: 'string',
        env: 'MMSKILLS_OCR_REC_MODEL',
        description: 'text recognition ONNX model (PaddleOCR CTC)',
      },
      'cls-model': {
        type: 'string',
        env: 'MMSKILLS_OCR_CLS_MODEL',
        description: 'text direction classifier ONNX model (0°/180°)',
      },
      dict: {
        type: 'string',
        env: 'MMSKILLS_OCR_DICT',
        description: 'recognition dictionary, one character per line',
      },
    },
  },
);
