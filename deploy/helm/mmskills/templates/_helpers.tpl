{{- define "mmskills.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mmskills.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: ctx is the root context, component its name. */}}
{{- define "mmskills.selector" -}}
app.kubernetes.io/name: {{ .ctx.Chart.Name }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "mmskills.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "mmskills.fullname" .)) -}}
{{- end -}}

{{- define "mmskills.image" -}}
{{- printf "%s/%s:%s" .ctx.Values.image.repository .service .ctx.Values.image.tag -}}
{{- end -}}

{{/* An env entry from the chart's Secret; optional ones are left unset when the key is absent. */}}
{{- define "mmskills.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "mmskills.secretName" .ctx }}
      key: {{ .key }}
      optional: {{ .optional | default false }}
{{- end -}}

{{/* Liveness and readiness from GET /health on the named port (every mmskills service has it). */}}
{{- define "mmskills.probes" -}}
startupProbe:
  httpGet: { path: /health, port: http }
  periodSeconds: 5
  failureThreshold: 36
readinessProbe:
  httpGet: { path: /health, port: http }
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
livenessProbe:
  httpGet: { path: /health, port: http }
  periodSeconds: 20
  timeoutSeconds: 5
  failureThreshold: 3
{{- end -}}

{{/* The LMM URL the hosts use: lmm.url, or the in-chart vLLM Service. */}}
{{- define "mmskills.lmmUrl" -}}
{{- if .Values.lmm.url -}}
{{- .Values.lmm.url -}}
{{- else if .Values.vllm.enabled -}}
{{- printf "http://%s-vllm:%d/v1" (include "mmskills.fullname" .) (int .Values.vllm.port) -}}
{{- end -}}
{{- end -}}
