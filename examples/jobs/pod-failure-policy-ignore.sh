# Pod failure policy, Ignore (seed 003): disruptions do not count towards backoffLimit. The seed drains
# the pod's node; here the node is removed, so pod GC fails the pod with DisruptionTarget=True.
# With backoffLimit 0 the Job would fail at once without the rule; with it, the pod is replaced.
kubectl create -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: job-pod-failure-policy-ignore
spec:
  completions: 4
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: docker.io/library/bash
        command: ["bash"]
        args:
        - -c
        - echo "Hello world! I'm going to exit with 0 (success)." && sleep 90 && exit 0
  backoffLimit: 0
  podFailurePolicy:
    rules:
    - action: Ignore
      onPodConditions:
      - type: DisruptionTarget
YAML
sim advance 10s
kubectl get pods -o wide
sim node remove worker-3
sim advance 60s
kubectl get pods -o wide
kubectl get job job-pod-failure-policy-ignore
sim advance 5m
kubectl get job job-pod-failure-policy-ignore
kubectl get job job-pod-failure-policy-ignore -o yaml
