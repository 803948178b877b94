# Parallel processing by expanding a template (seed 003): one Job per item, grouped by a label.
kubectl create -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: process-item-apple
  labels:
    jobgroup: jobexample
spec:
  template:
    metadata:
      name: jobexample
      labels:
        jobgroup: jobexample
    spec:
      containers:
      - name: c
        image: busybox:1.28
        command: ["sh","-c","echo Processing item apple && sleep 5"]
      restartPolicy: Never
---
apiVersion: batch/v1
kind: Job
metadata:
  name: process-item-banana
  labels:
    jobgroup: jobexample
spec:
  template:
    metadata:
      name: jobexample
      labels:
        jobgroup: jobexample
    spec:
      containers:
      - name: c
        image: busybox:1.28
        command: ["sh","-c","echo Processing item banana && sleep 5"]
      restartPolicy: Never
---
apiVersion: batch/v1
kind: Job
metadata:
  name: process-item-cherry
  labels:
    jobgroup: jobexample
spec:
  template:
    metadata:
      name: jobexample
      labels:
        jobgroup: jobexample
    spec:
      containers:
      - name: c
        image: busybox:1.28
        command: ["sh","-c","echo Processing item cherry && sleep 5"]
      restartPolicy: Never
YAML
sim advance 22s
kubectl get jobs -l jobgroup=jobexample
kubectl get pods -l jobgroup=jobexample
kubectl logs job/process-item-apple
kubectl delete job -l jobgroup=jobexample
kubectl get pods -l jobgroup=jobexample
