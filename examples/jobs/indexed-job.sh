# An Indexed Job (seed 003): five completions, three at a time; each pod gets its index in the
# batch.kubernetes.io/job-completion-index annotation and label, JOB_COMPLETION_INDEX, and the
# hostname <job>-<index>. The init container picks a word by index into a shared emptyDir and the
# worker reverses it.
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: 'indexed-job'
spec:
  completions: 5
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: 'input'
        image: 'docker.io/library/bash'
        command:
        - "bash"
        - "-c"
        - |
          items=(foo bar baz qux xyz)
          echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt          
        volumeMounts:
        - mountPath: /input
          name: input
      containers:
      - name: 'worker'
        image: 'docker.io/library/busybox'
        command:
        - "rev"
        - "/input/data.txt"
        volumeMounts:
        - mountPath: /input
          name: input
      volumes:
      - name: input
        emptyDir: {}
YAML
sim advance 3s
kubectl get pods
kubectl wait --for=condition=complete --timeout=300s job/indexed-job
kubectl get pods
kubectl describe jobs/indexed-job
kubectl logs -l job-name=indexed-job
